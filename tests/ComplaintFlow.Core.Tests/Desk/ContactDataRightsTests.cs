using System.IO.Compression;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Testing.InMemory;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// Data subject requests (<see cref="ContactDataRights"/>, <see cref="ComplaintErasure"/>) over the in-memory adapters:
/// one person's complaints by web, email and SMS are found through the contact index, exported whole, and erased
/// so that nothing of theirs is kept, texted or mailed afterwards, however often the erasure is run.
/// </summary>
public sealed class ContactDataRightsTests
{
    private const string Email = "li.lei@example.com";
    private const string Phone = "+8613800138000";
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;

    public ContactDataRightsTests() => _pipeline = new InMemoryPipeline(_time);

    private static ContactIdentity Identity(string typed) =>
        ContactIdentity.TryParse(typed, "CN", out var identity) ? identity : throw new ArgumentException(typed);

    /// <summary>Li Lei complains by web form, by email and by SMS (naming the address in the text); Wang Fang once by web.</summary>
    private async Task<(string Web, string Mail, string Sms, string Stranger)> ComplaintsAsync()
    {
        var web = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.", Email, Phone)).Complaint.Id;
        var post = SendGridPost.Mail($"Li Lei <{Email}>", "Broadband down", "No service since Friday.", "first@mail.example.cn");
        var body = post.Bytes();
        var mail = (await _pipeline.EmailIntake.HandleAsync(new InboundEmailParser().Parse(body, post.ContentType), new RawPayload(body, post.ContentType, "multipart"), null, CancellationToken.None)).ComplaintId!;
        var sms = (await _pipeline.SmsIntake.HandleAsync(
            new InboundSms { Provider = SmsProvider.Twilio, MessageId = "SM001", From = Phone, FromIsE164 = true, To = "+8610655500000", Body = $"Landline dead too. Mail me at {Email}", ReceivedAt = Monday },
            new RawPayload("MessageSid=SM001"u8.ToArray(), "application/x-www-form-urlencoded", "txt"), null, CancellationToken.None)).ComplaintId!;
        var stranger = (await _pipeline.SubmitAsync("key-9", "The engineer never came.", "wang.fang@example.com")).Complaint.Id;
        return (web, mail, sms, stranger);
    }

    [Fact]
    public async Task An_export_holds_every_complaint_of_the_contact_across_channels_and_nobody_elses()
    {
        var (web, mail, sms, stranger) = await ComplaintsAsync();

        var zip = new ZipArchive(new MemoryStream(await _pipeline.DataRights.ExportAsync(Identity(Email), DeskFixtures.Supervisor, CancellationToken.None)));

        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var listed = manifest.RootElement.GetProperty("complaints").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(new[] { web, mail, sms }.Order(), listed.Order());
        Assert.Empty(manifest.RootElement.GetProperty("missingPayloads").EnumerateArray());
        foreach (var id in new[] { web, mail, sms })
        {
            var complaint = await _pipeline.ComplaintAsync(id);
            Assert.NotNull(zip.GetEntry($"complaints/{id}/blobs/{complaint.RawPayload}"));
            Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Exported && e.Actor == DeskFixtures.Supervisor.Id);
        }

        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains(stranger, StringComparison.Ordinal));
        Assert.DoesNotContain(await _pipeline.HistoryAsync(stranger), e => e.Type == EventTypes.Exported);
    }

    [Fact]
    public async Task Erasure_removes_the_contacts_personal_data_everywhere_and_leaves_others_alone()
    {
        var (web, mail, sms, stranger) = await ComplaintsAsync();
        var strangerBefore = JsonSerializer.Serialize(await _pipeline.ComplaintAsync(stranger), ComplaintJson.Options);

        var report = await _pipeline.DataRights.EraseAsync(Identity(Email), DeskFixtures.Supervisor, CancellationToken.None);

        Assert.Equal(new[] { web, mail, sms }.Order(), report.Erased.Order());
        foreach (var id in new[] { web, mail, sms })
        {
            var erased = await _pipeline.ComplaintAsync(id);
            Assert.Equal((ComplaintErasure.Placeholder, new ContactDetails(), (string?)null), (erased.Text, erased.Contact, erased.RawPayload));
            Assert.NotNull(erased.ErasedAt);
        }

        var strangerPayload = (await _pipeline.ComplaintAsync(stranger)).RawPayload!;
        Assert.Equal([strangerPayload], _pipeline.Raw.Names);
        Assert.Empty(await _pipeline.Contacts.ComplaintIdsAsync(new ContactDetails { Email = Email, Phone = Phone }, CancellationToken.None));
        Assert.Null(_pipeline.SmsThreads.Of(Phone));
        Assert.Empty(await _pipeline.DataRights.FindAsync(Identity(Email), CancellationToken.None));
        Assert.Equal(strangerBefore, JsonSerializer.Serialize(await _pipeline.ComplaintAsync(stranger), ComplaintJson.Options));
    }

    [Fact]
    public async Task Erasure_run_twice_changes_nothing_the_second_time()
    {
        await ComplaintsAsync();
        await _pipeline.DataRights.EraseAsync(Identity(Email), DeskFixtures.Supervisor, CancellationToken.None);
        var writes = _pipeline.Store.Writes;
        var state = JsonSerializer.Serialize(_pipeline.Store.All().OrderBy(c => c.Id), ComplaintJson.Options);

        _time.Advance(TimeSpan.FromHours(1));
        var again = await _pipeline.DataRights.EraseAsync(Identity(Email), DeskFixtures.Supervisor, CancellationToken.None);

        Assert.Empty(again.Erased);
        Assert.Equal(writes, _pipeline.Store.Writes);
        Assert.Equal(state, JsonSerializer.Serialize(_pipeline.Store.All().OrderBy(c => c.Id), ComplaintJson.Options));
    }

    [Fact]
    public async Task Erasing_by_phone_then_by_email_erases_each_complaint_once()
    {
        var (web, mail, sms, _) = await ComplaintsAsync();
        await _pipeline.DataRights.EraseAsync(Identity(Phone), DeskFixtures.Supervisor, CancellationToken.None);
        // The phone erasure reached the complaints listing the phone; the email one is left, and the SMS complaint's
        // email row was forgotten along with it.
        var report = await _pipeline.DataRights.EraseAsync(Identity(Email), DeskFixtures.Supervisor, CancellationToken.None);

        Assert.Equal([mail], report.Erased);
        Assert.All(new[] { web, mail, sms }, id => Assert.NotNull(_pipeline.Store.All().Single(c => c.Id == id).ErasedAt));
        foreach (var id in new[] { web, mail, sms })
        {
            Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Erased);
        }
    }

    [Fact]
    public async Task Notices_queued_before_the_erasure_are_cancelled_and_never_sent_after_it()
    {
        var (web, mail, sms, stranger) = await ComplaintsAsync();
        await _pipeline.RunTriageAsync();
        Assert.NotEqual(0, _pipeline.Queue.Count(QueueNames.Notifications));

        await _pipeline.DataRights.EraseAsync(Identity(Email), DeskFixtures.Supervisor, CancellationToken.None);
        await _pipeline.RunNotifyAsync();

        Assert.Equal(["wang.fang@example.com"], _pipeline.Email.Sent.Select(e => e.To));
        Assert.Empty(_pipeline.Sms.Sent);
        foreach (var id in new[] { web, mail, sms })
        {
            var erased = await _pipeline.ComplaintAsync(id);
            Assert.All(erased.Notifications.Where(n => n.Recipient is null), n => Assert.Equal(NotificationStatus.Failed, n.Status));
            Assert.NotEqual("0", (await _pipeline.HistoryAsync(id)).Single(e => e.Type == EventTypes.Erased).Data["noticesCancelled"]);
        }

        Assert.NotNull((await _pipeline.ComplaintAsync(stranger)).AcknowledgedAt);
    }
}
