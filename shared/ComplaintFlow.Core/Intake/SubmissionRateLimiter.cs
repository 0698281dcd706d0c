using System.Net;
using System.Threading.RateLimiting;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Intake;

/// <summary>
/// Fixed-window limits on the public form, one partition per client IP address and one per contact, so neither a
/// script on one address nor one spread over many addresses can flood the desk or have us text and mail a stranger
/// over and over (every accepted complaint sends an acknowledgement). Counters live in this instance's memory.
/// </summary>
public sealed class SubmissionRateLimiter(IntakeRateLimitOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perIp = Partitioned(options.PerIp, options.Window);
    private readonly PartitionedRateLimiter<string> _perContact = Partitioned(options.PerContact, options.Window);

    /// <summary>Takes one permit for the address and one for each contact; null when all were granted, else how long to wait.</summary>
    public TimeSpan? TryAcquire(IPAddress? clientIp, ContactDetails contact)
    {
        List<RateLimitLease> leases =
        [
            _perIp.AttemptAcquire("ip|" + (clientIp?.ToString() ?? "unknown")),
            // The mailbox an address reaches, not the address typed: plus-tags, case and (where the provider ignores
            // them) dots would otherwise give one mailbox as many partitions as there are spellings. The phone is
            // already E.164, one spelling per number.
            .. new[] { contact.Email is { } email ? ContactEmail.Canonical(email) : null, contact.Phone }.OfType<string>().Select(c => _perContact.AttemptAcquire("contact|" + c)),
        ];
        try
        {
            var refused = leases.Where(l => !l.IsAcquired).ToList();
            return refused.Count == 0
                ? null
                : refused.Max(l => l.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window);
        }
        finally
        {
            leases.ForEach(l => l.Dispose());
        }
    }

    /// <summary>A fixed window per key, refusing at once rather than queueing (a caller waiting would hold a request open).</summary>
    internal static PartitionedRateLimiter<string> Partitioned(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public void Dispose()
    {
        _perIp.Dispose();
        _perContact.Dispose();
    }
}
