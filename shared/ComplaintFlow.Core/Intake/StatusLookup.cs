using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Intake;

/// <summary><c>ComplaintFlow:Intake:StatusRateLimit</c>: how many status lookups are answered per window.</summary>
public sealed class StatusRateLimitOptions
{
    public const string Section = "ComplaintFlow:Intake:StatusRateLimit";

    /// <summary>Lookups one client IP address may make per window, whatever the reference.</summary>
    [Range(1, int.MaxValue)]
    public int PerClient { get; set; } = 60;

    /// <summary>Lookups of one reference per window, from any address: guesses at its contact are few.</summary>
    [Range(1, int.MaxValue)]
    public int PerReference { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}

public enum StatusLookupOutcome
{
    Found,

    /// <summary>No complaint with this reference, or not with this contact: one answer for both.</summary>
    NotFound,

    RateLimited,
}

public sealed record StatusLookupResult(StatusLookupOutcome Outcome)
{
    public CustomerStatus? Status { get; init; }
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>
/// The customer's status lookup (reference and contact), built to be no oracle for references: a missing reference
/// and a wrong contact give the same answer, and take the same work to give it. The store is read for every lookup
/// (for a reference that does not parse, a decoy id), and the contact is parsed and compared in constant time with
/// the complaint's or, when there is none, with a decoy contact, so the answer's timing does not say whether the
/// reference exists. The storage read itself is not the same (a row found is sent and parsed, a miss is not), so a
/// not-found answer is also held until <see cref="NotFoundFloor"/> after the lookup began: below the floor the two cases
/// take the same time (bench/ComplaintFlow.Bench.StatusLookup measures it). Fixed-window limits per client address and
/// per reference cap the guesses (counters in this instance's memory).
/// </summary>
public sealed class StatusLookup(IComplaintStore complaints, StatusRateLimitOptions options, NotifyOptions? notify = null, TimeProvider? time = null) : IDisposable
{
    /// <summary>
    /// Well above a lookup's usual time (a few milliseconds; p90 about 11 ms over HTTP on a loaded 2-core machine),
    /// and small beside a page load. A found answer is not held: it already says the complaint exists, to its contact.
    /// </summary>
    public static readonly TimeSpan NotFoundFloor = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan FinalStretch = TimeSpan.FromMilliseconds(5);

    private const string DecoyId = "0000000000";
    private static readonly ContactDetails Decoy = new() { Email = "nobody@decoy.invalid", Phone = "+8613800138000" };

    private readonly PartitionedRateLimiter<string> _perClient = SubmissionRateLimiter.Partitioned(options.PerClient, options.Window);
    private readonly PartitionedRateLimiter<string> _perReference = SubmissionRateLimiter.Partitioned(options.PerReference, options.Window);

    public async Task<StatusLookupResult> LookUpAsync(string? reference, string? contact, IPAddress? client, CancellationToken cancellationToken)
    {
        var clock = time ?? TimeProvider.System;
        var started = clock.GetTimestamp();
        var parsed = ComplaintId.TryParse(reference, out var id);
        using var byClient = _perClient.AttemptAcquire("ip|" + (client?.ToString() ?? "unknown"));
        using var byReference = _perReference.AttemptAcquire("ref|" + (parsed ? id : "unparsed"));
        var refused = new[] { byClient, byReference }.Where(l => !l.IsAcquired).ToList();
        if (refused.Count > 0)
        {
            return new(StatusLookupOutcome.RateLimited)
            {
                RetryAfter = refused.Max(l => l.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window),
            };
        }

        var found = await complaints.FindAsync(parsed ? id : DecoyId, cancellationToken);
        var complaint = parsed ? found?.Complaint : null;
        var matches = Matches(complaint?.Contact ?? Decoy, contact);
        if (complaint is not null && matches)
        {
            return new(StatusLookupOutcome.Found) { Status = CustomerStatus.Of(complaint, (notify ?? new NotifyOptions()).TimeZone) };
        }

        // Timers fire on a clock of whole milliseconds (coarser on some kernels), so a timer alone would end the wait
        // at a point that still depends on how long the work took; the last stretch is waited out on the precise clock.
        var remaining = NotFoundFloor - clock.GetElapsedTime(started);
        if (remaining > FinalStretch)
        {
            await Task.Delay(remaining - FinalStretch, clock, cancellationToken);
        }

        while (clock.GetElapsedTime(started) < NotFoundFloor)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
        }

        return new(StatusLookupOutcome.NotFound);
    }

    /// <summary>
    /// The rule of <see cref="ContactDetails.Matches"/> (an email in any case, a phone number read in the stored
    /// number's region), doing the same work whatever is stored: both forms are always computed and compared with
    /// <see cref="CryptographicOperations.FixedTimeEquals"/>, and combined without short-circuit.
    /// </summary>
    internal static bool Matches(ContactDetails stored, string? typed)
    {
        var given = (typed ?? string.Empty).Trim();
        var storedEmail = stored.Email ?? Decoy.Email!;
        var storedPhone = ContactPhone.ToE164(stored.Phone, null) ?? Decoy.Phone!;
        var givenPhone = ContactPhone.ToE164(given, ContactPhone.RegionOf(storedPhone)) ?? string.Empty;
        var email = Same(given.ToLowerInvariant(), storedEmail.ToLowerInvariant()) & stored.Email is not null;
        var phone = Same(givenPhone, storedPhone) & stored.Phone is not null;
        return given.Length > 0 & (email | phone);
    }

    private static bool Same(string given, string stored) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(stored)));

    public void Dispose()
    {
        _perClient.Dispose();
        _perReference.Dispose();
    }
}
