using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Intake.Email;

/// <summary>
/// A bounce or delay notice that a mail server sent to the complaints mailbox (not to the provider's bounce address)
/// about one of our own notices. It is still ignored as machine mail, and when it names the notice, by its
/// Message-ID <c>&lt;{notificationId}@{MessageIdDomain}&gt;</c> in the returned headers or the quoted message, the
/// notice's fate is recorded exactly as the provider's delivery report would record it (<see cref="DeliveryReports"/>):
/// on the timeline, the customer flagged as not reached, the address suppressed after a hard bounce, and the next
/// notice sent by text where a phone is known.
/// </summary>
public sealed partial class NoticeBounces(DeliveryReports reports, NotifyOptions notify, TimeProvider time)
{
    /// <summary>A returned message is read up to this size: the headers and the start of the quoted notice are enough.</summary>
    private const int MaxScannedBytes = 256 * 1024;

    /// <returns>The notice the mail named, its fate now recorded (or already recorded, on a redelivery); null when it named none of ours.</returns>
    public async Task<NoticeBounce?> RecordAsync(InboundEmail email, string machineClass, string? traceParent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (Find(email, machineClass) is not { } bounce)
        {
            return null;
        }

        var report = new DeliveryReport
        {
            ComplaintId = bounce.ComplaintId,
            NotificationId = bounce.NotificationId,
            // One event per bounce mail, so a redelivered webhook post records nothing twice.
            EventId = "inbound-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.MessageId + "\n" + email.ContentHash)))[..32],
            Outcome = bounce.Outcome,
            Reason = bounce.Reason,
            At = time.GetUtcNow(),
        };
        return await reports.RecordAsync(report, traceParent, cancellationToken) ? bounce : null;
    }

    /// <summary>Which of our notices the mail reports on, read without touching the store (what the explain command prints).</summary>
    public NoticeBounce? Find(InboundEmail email, string machineClass) =>
        machineClass is InboundEmailReasons.Bounce or InboundEmailReasons.Delay ? Read(email, notify.MessageIdDomain, machineClass) : null;

    /// <summary>What a bounce says about which notice, without touching the store: null when it names none of ours.</summary>
    public static NoticeBounce? Read(InboundEmail email, string messageIdDomain, string machineClass)
    {
        ArgumentNullException.ThrowIfNull(email);
        var texts = new List<string> { email.LoopSignals.DeliveryReport ?? string.Empty, email.Body };
        texts.AddRange(email.Attachments.Select(a => Encoding.UTF8.GetString(a.Content.Span[..Math.Min(a.Content.Length, MaxScannedBytes)])));
        var notice = texts.SelectMany(t => OurMessageId().Matches(t))
            .Where(m => m.Groups["domain"].Value.Equals(messageIdDomain, StringComparison.OrdinalIgnoreCase))
            .Select(m => m.Groups["id"].Value)
            .FirstOrDefault(id => ComplaintId.TryParse(id[..ComplaintId.Length], out _));
        if (notice is null)
        {
            return null;
        }

        var all = string.Join("\n", texts);
        var status = StatusField().Match(all) is { Success: true } s ? s.Groups["code"].Value : null;
        var diagnostic = DiagnosticField().Match(all) is { Success: true } d ? d.Groups["text"].Value.Trim() : null;
        var action = email.LoopSignals.DeliveryAction?.Trim().ToLowerInvariant();
        var outcome = action is "delivered" or "relayed" or "expanded" ? DeliveryOutcome.Delivered
            : machineClass == InboundEmailReasons.Delay || action == "delayed" ? DeliveryOutcome.Deferred
            // RFC 3463: 4.x.x is persistent-transient (refused for now: full mailbox, policy), 5.x.x permanent.
            : status is not null && status.StartsWith('4') ? DeliveryOutcome.Blocked
            : DeliveryOutcome.Bounced;
        var reason = string.Join(" ", new[] { status, diagnostic }.Where(x => !string.IsNullOrEmpty(x)));
        return new NoticeBounce(notice[..ComplaintId.Length], notice, outcome, reason.Length == 0 ? "bounce returned to the complaints mailbox" : reason);
    }

    /// <summary>A notice's Message-ID: <see cref="Notification.IdFor"/> at a domain.</summary>
    [GeneratedRegex(@"<(?<id>[0-9A-Z]{10}-[a-z]+-[a-z]+-[0-9]{1,4})@(?<domain>[^>\s]{1,253})>")]
    private static partial Regex OurMessageId();

    [GeneratedRegex(@"^Status:\s*(?<code>[245]\.\d{1,3}\.\d{1,3})", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex StatusField();

    [GeneratedRegex(@"^Diagnostic-Code:\s*(?:smtp;\s*)?(?<text>[^\r\n]{1,300})", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex DiagnosticField();
}

/// <summary>Which of our notices a bounce names, and what it says happened.</summary>
public sealed record NoticeBounce(string ComplaintId, string NotificationId, DeliveryOutcome Outcome, string Reason);
