using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Notify.Sms;

namespace ComplaintFlow.Core.Intake;

public enum ResolutionAccessOutcome
{
    /// <summary>The request was taken: a code is on its way if the number is the complaint's and it is resolved (one answer for all).</summary>
    CodeRequested,

    /// <summary>The code was right: here is the letter.</summary>
    Letter,

    /// <summary>Wrong, expired, used or tried too often, or no such complaint: one answer for all.</summary>
    WrongCode,

    RateLimited,

    /// <summary>No code key is configured: the page cannot be opened.</summary>
    Unavailable,
}

public sealed record ResolutionAccessResult(ResolutionAccessOutcome Outcome)
{
    public ResolutionLetter? Letter { get; init; }
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>The written resolution as the customer reads it online: the letter, what we changed, redress, and where they may refer it.</summary>
public sealed record ResolutionLetter
{
    public required string Reference { get; init; }

    /// <summary>The complaint's language (the letter is written in it); the page's own words follow the reader's choice.</summary>
    public required string Language { get; init; }
    public required DateTimeOffset ResolvedAt { get; init; }

    /// <summary><see cref="ResolvedAt"/> as the customer's letters write it (their zone and words).</summary>
    public required string ResolvedAtText { get; init; }
    public required string Text { get; init; }
    public string? CorrectiveAction { get; init; }

    /// <summary>Accepted redress, e.g. <c>CNY 88.00</c>.</summary>
    public IReadOnlyList<string> Compensation { get; init; } = [];

    /// <summary>Each body the customer may refer the complaint to, in every customer language (<c>en</c>, <c>zh-Hans</c>, <c>zh-Hant</c>).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Referrals { get; init; } = [];
}

/// <summary>
/// The written resolution for a customer we can only text, behind a one-time code sent to the complaint's number. The
/// customer types the number (it must be the complaint's, compared as the status lookup compares it, in constant time
/// and with one answer whether it matches or not), gets a six-digit code by text through Notify's exactly-once path,
/// and types it back; the page then shows the letter and the referral rights. A code works once, for
/// <see cref="SmsOptions.AccessCodeLifetime"/>, against at most <see cref="SmsOptions.AccessCodeAttempts"/> wrong
/// tries; a complaint is sent at most <see cref="SmsOptions.AccessCodesPerHour"/> codes an hour (kept on the complaint,
/// so every instance counts the same), and each client address gets the status lookup's per-client budget.
/// </summary>
public sealed class ResolutionAccess(
    IComplaintStore complaints,
    Notices notices,
    AccessCodes codes,
    SmsOptions sms,
    StatusRateLimitOptions limits,
    NotifyOptions notify,
    TimeProvider time) : IDisposable
{
    private const string DecoyId = "0000000000";
    private static readonly TimeSpan CodeWindow = TimeSpan.FromHours(1);
    private readonly PartitionedRateLimiter<string> _perClient = SubmissionRateLimiter.Partitioned(limits.PerClient, limits.Window);

    /// <summary>Asks for a code to be texted to <paramref name="phone"/> if it is the number of the resolved complaint <paramref name="reference"/>.</summary>
    public async Task<ResolutionAccessResult> RequestCodeAsync(string? reference, string? phone, IPAddress? client, string? traceParent, CancellationToken cancellationToken)
    {
        if (!codes.Enabled)
        {
            return new(ResolutionAccessOutcome.Unavailable);
        }

        if (Throttled(client) is { } limited)
        {
            return limited;
        }

        var parsed = ComplaintId.TryParse(reference, out var id);
        var found = await complaints.FindAsync(parsed ? id : DecoyId, cancellationToken);
        var complaint = parsed ? found?.Complaint : null;
        // Only the number counts here: the code goes to it, so an email address proves nothing about the phone.
        var matches = StatusLookup.Matches((complaint?.Contact ?? new ContactDetails()) with { Email = null }, phone);
        if (complaint is null || !matches || !Readable(complaint))
        {
            return new(ResolutionAccessOutcome.CodeRequested);
        }

        TimeSpan? wait = null;
        string? notificationId = null;
        var saved = await complaints.UpdateAsync(complaint.Id, c => Issue(c, out wait, out notificationId), cancellationToken);
        if (wait is { } retryAfter)
        {
            return new(ResolutionAccessOutcome.RateLimited) { RetryAfter = retryAfter };
        }

        if (saved is not null && notificationId is not null)
        {
            await notices.QueueAsync(saved.Complaint.Id, [notificationId], traceParent, cancellationToken);
        }

        return new(ResolutionAccessOutcome.CodeRequested);
    }

    /// <summary>Checks the code texted for <paramref name="reference"/>; right, it opens the letter once.</summary>
    public async Task<ResolutionAccessResult> ReadAsync(string? reference, string? code, IPAddress? client, CancellationToken cancellationToken)
    {
        if (!codes.Enabled)
        {
            return new(ResolutionAccessOutcome.Unavailable);
        }

        if (Throttled(client) is { } limited)
        {
            return limited;
        }

        var parsed = ComplaintId.TryParse(reference, out var id);
        var found = parsed ? await complaints.FindAsync(id, cancellationToken) : null;
        if (found is null || found.Complaint.AccessCodes.Count == 0)
        {
            // The same keyed hash is computed as for a real code, so the answer takes the same work.
            codes.Matches(new AccessCode { NotificationId = DecoyId, CodeHash = codes.HashOf(DecoyId, "000000"), IssuedAt = default, ExpiresAt = default }, code);
            return new(ResolutionAccessOutcome.WrongCode);
        }

        var right = false;
        var saved = await complaints.UpdateAsync(found.Complaint.Id, c => Check(c, code, out right), cancellationToken);
        return right && saved is not null && Readable(saved.Complaint)
            ? new(ResolutionAccessOutcome.Letter) { Letter = LetterOf(saved.Complaint) }
            : new(ResolutionAccessOutcome.WrongCode);
    }

    private ResolutionAccessResult? Throttled(IPAddress? client)
    {
        using var lease = _perClient.AttemptAcquire("ip|" + (client?.ToString() ?? "unknown"));
        return lease.IsAcquired
            ? null
            : new(ResolutionAccessOutcome.RateLimited) { RetryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Window };
    }

    /// <summary>Only a resolved complaint with a letter, a number and its data still held has anything to show.</summary>
    private static bool Readable(Complaint complaint) =>
        complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed
        && complaint.Resolution is not null
        && complaint.Contact.Phone is not null
        && complaint.ErasedAt is null;

    private ComplaintChange? Issue(Complaint complaint, out TimeSpan? wait, out string? notificationId)
    {
        wait = null;
        notificationId = null;
        if (!Readable(complaint))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var recent = complaint.AccessCodes.Where(c => c.IssuedAt > now - CodeWindow).OrderBy(c => c.IssuedAt).ToList();
        if (recent.Count >= sms.AccessCodesPerHour)
        {
            wait = recent[0].IssuedAt + CodeWindow - now;
            return null;
        }

        var notice = Notices.New(complaint, NotificationKind.AccessCode, NotificationChannel.Sms, now);
        notificationId = notice.Id;
        var issued = new AccessCode
        {
            NotificationId = notice.Id,
            CodeHash = codes.HashOf(notice.Id, codes.CodeFor(notice.Id)),
            IssuedAt = now,
            ExpiresAt = now + sms.AccessCodeLifetime,
        };
        return complaint.Change(now)
            .Apply(c => c with
            {
                Notifications = [.. c.Notifications, notice],
                // Only the latest code works; the ones before it are kept for the hourly count.
                AccessCodes = [.. c.AccessCodes.Append(issued).TakeLast(sms.AccessCodesPerHour)],
            })
            .Record(EventTypes.AccessCodeRequested, Actors.Customer, new Dictionary<string, string> { ["notificationId"] = notice.Id });
    }

    private ComplaintChange? Check(Complaint complaint, string? typed, out bool right)
    {
        right = false;
        var now = time.GetUtcNow();
        var latest = complaint.AccessCodes.LastOrDefault();
        if (latest is null || latest.UsedAt is not null || latest.ExpiresAt <= now || latest.FailedAttempts >= sms.AccessCodeAttempts)
        {
            return null;
        }

        var matches = codes.Matches(latest, typed);
        var updated = matches ? latest with { UsedAt = now } : latest with { FailedAttempts = latest.FailedAttempts + 1 };
        var change = complaint.Change(now).Apply(c => c with { AccessCodes = [.. c.AccessCodes.Select(a => a.NotificationId == latest.NotificationId ? updated : a)] });
        if (matches && Readable(complaint))
        {
            right = true;
            change.Record(EventTypes.ResolutionRead, Actors.Customer, new Dictionary<string, string> { ["notificationId"] = latest.NotificationId });
        }

        return change;
    }

    private ResolutionLetter LetterOf(Complaint complaint)
    {
        var resolution = complaint.Resolution!;
        return new()
        {
            Reference = complaint.Reference,
            Language = complaint.Language,
            ResolvedAt = resolution.ResolvedAt,
            ResolvedAtText = CustomerTime.Format(resolution.ResolvedAt, complaint.Language, CustomerTime.ZoneOf(complaint, notify.TimeZone)),
            Text = resolution.Text,
            CorrectiveAction = resolution.CorrectiveAction,
            Compensation = [.. complaint.Compensations.Where(c => c.Accepted && c.Granted).Select(c => $"{c.Currency} {c.Amount.ToString("0.00", CultureInfo.InvariantCulture)}")],
            Referrals = [.. complaint.Referrals.Select(r => r.Text).DistinctBy(t => string.Join("|", t.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value)))],
        };
    }

    public void Dispose() => _perClient.Dispose();
}
