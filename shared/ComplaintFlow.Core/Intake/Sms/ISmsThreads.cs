namespace ComplaintFlow.Core.Intake.Sms;

/// <summary>The complaint a number last texted about, and when: lets later texts join it.</summary>
public sealed record SmsThread(string ComplaintId, DateTimeOffset LastTextAt);

public interface ISmsThreads
{
    Task<SmsThread?> FindAsync(string e164, CancellationToken cancellationToken);

    Task RecordAsync(string e164, SmsThread thread, CancellationToken cancellationToken);
}
