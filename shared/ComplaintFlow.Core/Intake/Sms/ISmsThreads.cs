namespace ComplaintFlow.Core.Intake.Sms;

/// <summary>The complaint a number last texted about, and when: lets later texts join it.</summary>
public sealed record SmsThread(string ComplaintId, DateTimeOffset LastTextAt);

/// <summary>A thread as read, with the version a claim over it must match.</summary>
public sealed record VersionedSmsThread(SmsThread Thread, string Version);

public interface ISmsThreads
{
    Task<VersionedSmsThread?> FindAsync(string e164, CancellationToken cancellationToken);

    /// <summary>
    /// Points the number's thread at a complaint about to be opened, only if the thread is still as read: with
    /// <paramref name="expectedVersion"/> null, only if the number has no thread. One atomic write, so of the parts of a
    /// long text arriving together exactly one claims the thread and opens the complaint; the others join it.
    /// </summary>
    /// <returns>False, writing nothing, when another text claimed or extended the thread first.</returns>
    Task<bool> TryClaimAsync(string e164, SmsThread thread, string? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Records a text that joined the thread's complaint (never moving the thread back in time).</summary>
    Task RecordAsync(string e164, SmsThread thread, CancellationToken cancellationToken);
}
