using System.Text;
using Azure.Storage.Blobs;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// The weekly report through the real parts: complaints read from Azurite's table, the CSV archived in Blob
/// <c>reports</c> with whom it went to, and the mail sent by the SendGrid client to the local fake of its API, the
/// CSV as a base64 attachment SendGrid accepts.
/// </summary>
public sealed class WeeklyReportDeliveryTests
{
    [Fact]
    public async Task The_supervisors_get_the_week_s_report_once_with_its_csv_and_the_archive_records_it()
    {
        await using var host = await AppHost.StartAsync();
        var received = new DateTimeOffset(2026, 3, 3, 2, 0, 0, TimeSpan.Zero);
        foreach (var (source, channel) in new[] { ("w1", Channel.Web), ("w2", Channel.Sms) })
        {
            var complaint = new Complaint
            {
                Id = ComplaintId.FromSource(channel, source + host.Prefix),
                Channel = channel,
                ReceivedAt = received,
                Contact = new ContactDetails { Email = $"{source}@example.com" },
                Text = "停电三天了，没有人来修。",
                Language = "zh-Hans",
                SourceMessageId = source + host.Prefix,
                Status = ComplaintStatus.Open,
            };
            Assert.True(await host.Complaints.TryCreateAsync(complaint.Change(received), CancellationToken.None));
        }

        var services = host.Services;
        var reports = new WeeklyReports(
            services.GetRequiredService<IComplaintCatalog>(), services.GetRequiredService<IReportArchive>(), services.GetRequiredService<IEmailSender>(),
            new NotifyOptions { StaffLanguage = "zh-Hans" }, new DeadlineOptions { TeamSupervisorEmail = "supervisors@desk.example" }, new PortalOptions(),
            new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero)));

        var first = await reports.SendLastWeekAsync(CancellationToken.None);
        var second = await reports.SendLastWeekAsync(CancellationToken.None);

        Assert.Equal("2026-W10", first.Week);
        Assert.Single(first.SentTo);
        Assert.Empty(second.SentTo);
        var mail = Assert.Single(host.Mailbox.Emails, e => e.To.Contains("supervisors@desk.example"));
        Assert.Equal("ComplaintFlow 投诉周报 2026-W10：受理 2 件", mail.Subject);
        Assert.Contains("按渠道：短信 1，网页 1", mail.Text, StringComparison.Ordinal);
        var csv = Assert.Single(mail.Attachments);
        Assert.Equal(("complaints-2026-W10.csv", "text/csv", "attachment"), (csv.FileName, csv.Type, csv.Disposition));
        Assert.Contains("received,total,2,", Encoding.UTF8.GetString(csv.Content), StringComparison.Ordinal);

        // Archived, with the recipient recorded by hash, never by address.
        var blob = new BlobServiceClient(host.Azurite.ConnectionString)
            .GetBlobContainerClient(services.GetRequiredService<StorageOptions>().Container(ContainerNames.Reports))
            .GetBlobClient(WeeklyReports.ArchiveName("2026-W10"));
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(["sent_" + WeeklyReports.Hash("supervisors@desk.example")], properties.Metadata.Keys);
        Assert.DoesNotContain("desk.example", string.Join(" ", properties.Metadata.Values), StringComparison.Ordinal);
        Assert.StartsWith("section,item,value,detail", (await blob.DownloadContentAsync()).Value.Content.ToString(), StringComparison.Ordinal);
    }
}
