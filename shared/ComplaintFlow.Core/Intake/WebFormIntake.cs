using System.Net;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Intake;

public enum WebFormOutcome
{
    /// <summary>Recorded now, or recognised as a retry of one already recorded (<see cref="IntakeOutcome.Kind"/> says which).</summary>
    Accepted,

    /// <summary>The idempotency key is empty, too long or holds control characters.</summary>
    InvalidKey,

    /// <summary>The fields are not a complaint we can take; <see cref="WebFormResult.Errors"/> says why, per field.</summary>
    Invalid,

    /// <summary>Too many complaints from this address or contact in the window; nothing was written.</summary>
    RateLimited,

    /// <summary>The key was already used for a different complaint.</summary>
    KeyReused,
}

public sealed record WebFormResult(WebFormOutcome Outcome)
{
    public IntakeOutcome? Recorded { get; init; }
    public IReadOnlyList<ValidationError> Errors { get; init; } = [];
    public TimeSpan RetryAfter { get; init; }

    /// <summary>The language to answer in: the complaint's when it was readable, else the browser's.</summary>
    public string? Language { get; init; }
}

/// <summary>
/// The public web form's rules, apart from HTTP: the idempotency key, validation, the rate limits, and recording.
/// <list type="bullet">
/// <item>A key identifies a submission together with its contact, so the same key from a different person is a
/// different complaint; without a key a submission cannot be recognised on retry and always makes a new one.</item>
/// <item>Only submissions that would be recorded count against the limits: a refused one writes and sends nothing.
/// A retry of a complaint already recorded (same key and contact) is answered as the duplicate it is, limit or not.</item>
/// </list>
/// </summary>
public sealed class WebFormIntake(IntakeService intake, IComplaintStore complaints, SubmissionRateLimiter limiter, IntakeOptions options, TimeProvider time)
{
    public const int MaxIdempotencyKeyLength = 128;

    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxIdempotencyKeyLength && !key.Any(char.IsControl);

    public async Task<WebFormResult> SubmitAsync(
        ComplaintSubmission submission,
        string? idempotencyKey,
        string? browserLanguage,
        IPAddress? client,
        RawPayload raw,
        string? traceParent,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && !IsValidKey(idempotencyKey))
        {
            return new(WebFormOutcome.InvalidKey) { Language = browserLanguage };
        }

        // The web form is the only public channel; staff-recorded channels have their own endpoint.
        var errors = new SubmissionValidator(options, time).Validate(submission with { Channel = Channel.Web }, browserLanguage, out var valid);
        if (valid is null)
        {
            return new(WebFormOutcome.Invalid) { Errors = errors, Language = browserLanguage };
        }

        var sourceId = idempotencyKey is null ? Guid.NewGuid().ToString("N") : $"{idempotencyKey}|{valid.Contact.Email}|{valid.Contact.Phone}";
        if (limiter.TryAcquire(client, valid.Contact) is { } retryAfter
            && (idempotencyKey is null || await complaints.FindAsync(ComplaintId.FromSource(Channel.Web, sourceId), cancellationToken) is null))
        {
            return new(WebFormOutcome.RateLimited) { RetryAfter = retryAfter, Language = valid.Language };
        }

        var recorded = await intake.RecordAsync(valid, sourceId, raw, traceParent, cancellationToken);
        return recorded.Kind == IntakeOutcomeKind.KeyReused
            ? new(WebFormOutcome.KeyReused) { Language = valid.Language }
            : new(WebFormOutcome.Accepted) { Recorded = recorded, Language = valid.Language };
    }
}
