using System.Net;
using System.Security.Cryptography;
using System.Text;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Desk;

/// <summary>Where the weekly reports are kept (Blob <c>reports</c>), and to whom each has gone.</summary>
public interface IReportArchive
{
    /// <summary>
    /// The recipients <paramref name="name"/> has already been sent to, as <see cref="WeeklyReports.Hash"/> (the archive
    /// never holds an address); empty when it was never saved.
    /// </summary>
    Task<IReadOnlySet<string>> SentToAsync(string name, CancellationToken cancellationToken);

    /// <summary>Saves (or replaces) the report's CSV, keeping the record of whom it went to.</summary>
    Task SaveAsync(string name, string csv, CancellationToken cancellationToken);

    Task MarkSentAsync(string name, string recipientHash, CancellationToken cancellationToken);

    /// <summary>The CSV as saved, or null.</summary>
    Task<string?> ReadAsync(string name, CancellationToken cancellationToken);
}

/// <summary>What one run of the weekly report did.</summary>
public sealed record WeeklyReportRun(string Week, IReadOnlyList<string> SentTo, int AlreadySent);

/// <summary>
/// Sends the supervisors the report of the desk week that ended last, once: the timer runs hourly, and each run sends
/// only to recipients the archive has not recorded yet, so a failed send (SendGrid down, the worker stopped) is made
/// good an hour later and a repeated run sends nothing twice. The CSV is archived before the first send.
/// </summary>
public sealed class WeeklyReports(
    IComplaintCatalog catalog,
    IReportArchive archive,
    IEmailSender email,
    NotifyOptions notify,
    DeadlineOptions deadlines,
    PortalOptions portal,
    TimeProvider time)
{
    /// <summary>Complaints received this long before the week's end are read, so one resolved in the week but received earlier counts.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(92);

    /// <summary>A survey score counted as satisfied.</summary>
    public const int SatisfiedAtOrAbove = 4;

    public IReadOnlyList<string> Recipients => [deadlines.TeamSupervisorEmail];

    public static string ArchiveName(string week) => $"weekly/{week}.csv";

    public async Task<WeeklyReportRun> SendLastWeekAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(portal.TimeZone);
        var (week, from, to) = WeeklyReport.LastCompleteWeek(now, zone);
        var name = ArchiveName(week);
        var already = await archive.SentToAsync(name, cancellationToken);
        var pending = Recipients.Where(r => !already.Contains(Hash(r))).ToList();
        if (pending.Count == 0)
        {
            return new WeeklyReportRun(week, [], already.Count);
        }

        var report = await ComputeAsync(week, from, to, now, cancellationToken);
        var csv = WeeklyReportText.Csv(report);
        await archive.SaveAsync(name, csv, cancellationToken);
        var body = WeeklyReportText.Body(report, notify.StaffLanguage, zone);
        foreach (var recipient in pending)
        {
            await email.SendAsync(
                new EmailMessage
                {
                    To = recipient,
                    Subject = WeeklyReportText.Subject(report, notify.StaffLanguage),
                    Text = body,
                    Html = $"<pre style=\"font-family:inherit;white-space:pre-wrap\">{WebUtility.HtmlEncode(body)}</pre>",
                    MessageId = $"<weekly-{week}-{Hash(recipient)}@{notify.MessageIdDomain}>",
                    Tags = new Dictionary<string, string> { ["kind"] = "weekly-report", ["week"] = week },
                    // With a byte order mark, so a spreadsheet opens the Chinese category names as UTF-8.
                    Attachments = [new OutgoingAttachment($"complaints-{week}.csv", "text/csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)])],
                },
                cancellationToken);
            await archive.MarkSentAsync(name, Hash(recipient), cancellationToken);
        }

        return new WeeklyReportRun(week, pending, already.Count);
    }

    public async Task<WeeklyReport> ComputeAsync(string week, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var complaints = await catalog.ReceivedBetweenAsync(to - Lookback, to, cancellationToken).ToListAsync(cancellationToken);
        return WeeklyReport.Compute(complaints, week, from, to, now, SatisfiedAtOrAbove);
    }

    /// <summary>A recipient's short hash: how the archive and the Message-ID name them without writing the address.</summary>
    public static string Hash(string recipient) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipient.Trim().ToUpperInvariant())))[..16];
}
