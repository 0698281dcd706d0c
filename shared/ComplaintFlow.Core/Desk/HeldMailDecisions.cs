using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;

namespace ComplaintFlow.Core.Desk;

public enum HeldMailDecisionOutcome
{
    /// <summary>Decided (now, or the same decision before): <see cref="HeldMailDecisionResult.Decision"/> says how.</summary>
    Done,

    /// <summary>No held email has that name.</summary>
    NotFound,

    /// <summary>Refused (<see cref="HeldMailDecisionResult.Refusal"/> says why): nothing was decided.</summary>
    Refused,
}

public sealed record HeldMailDecisionResult(HeldMailDecisionOutcome Outcome)
{
    public QuarantineDecision? Decision { get; init; }
    public DeskRefusal? Refusal { get; init; }
}

/// <summary>
/// A supervisor's decision on mail held for review: <em>release</em> it into a complaint, through the email webhook's
/// own intake path (<see cref="InboundEmailIntake.ReleaseAsync"/>: a complaint of its own, or the customer's reply on
/// the complaint named), or <em>discard</em> it, with the reason. Either is recorded with the held mail (who, when,
/// why, which complaint) and shown on the held-mail page; the first decision stands, and repeating it changes nothing
/// (the intake path is idempotent by Message-ID, and the decision is recorded once).
/// </summary>
public sealed class HeldMailDecisions(
    IQuarantine quarantine,
    IPayloadArchive archive,
    InboundEmailParser parser,
    InboundEmailIntake intake,
    IComplaintStore complaints,
    TimeProvider time)
{
    private const int MaxReasonLength = 500;

    /// <param name="reference">The complaint to add it to as the customer's reply; null opens a complaint of its own.</param>
    public async Task<HeldMailDecisionResult> ReleaseAsync(string? name, StaffMember staff, string? reference, string? traceParent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (await HeldEmailAsync(name, cancellationToken) is not { } held)
        {
            return new(HeldMailDecisionOutcome.NotFound);
        }

        if (held.Decision is { } made)
        {
            return made.Action == QuarantineDecision.Released
                ? new(HeldMailDecisionOutcome.Done) { Decision = made }
                : Refused(RefusalKind.WrongState, staff, "name", "mail-already-discarded", made.By);
        }

        Complaint? into = null;
        if (!string.IsNullOrWhiteSpace(reference))
        {
            // An erased complaint takes nothing new, as the webhook would not append to it either.
            into = ComplaintId.TryParse(reference.Trim(), out var id) && await complaints.FindAsync(id, cancellationToken) is { Complaint: { ErasedAt: null } found }
                ? found
                : null;
            if (into is null)
            {
                return Refused(RefusalKind.Invalid, staff, "reference", "mail-unknown-complaint", reference.Trim());
            }
        }

        if (await archive.ReadAsync(held.BlobName, cancellationToken) is not { } stored)
        {
            return new(HeldMailDecisionOutcome.NotFound);
        }

        InboundEmail email;
        try
        {
            email = parser.Parse(stored.Content, stored.ContentType, cancellationToken);
        }
        catch (InboundPayloadException e)
        {
            return Refused(RefusalKind.WrongState, staff, "name", "mail-unreadable", e.Field);
        }

        var payload = new RawPayload(stored.Content, stored.ContentType, Path.GetExtension(held.BlobName).TrimStart('.'));
        var (outcome, errors) = await intake.ReleaseAsync(email, payload, into, traceParent, cancellationToken);
        if (outcome?.ComplaintId is not { } complaintId)
        {
            return new(HeldMailDecisionOutcome.Refused) { Refusal = new DeskRefusal(RefusalKind.Invalid, errors) };
        }

        var decision = await quarantine.DecideAsync(held.BlobName, new QuarantineDecision
        {
            Action = QuarantineDecision.Released,
            By = staff.Id,
            At = time.GetUtcNow(),
            ComplaintId = complaintId,
        }, cancellationToken);

        // Discarded by someone else while this release ran: their decision stands (the complaint it opened stays).
        return decision.Action == QuarantineDecision.Released
            ? new(HeldMailDecisionOutcome.Done) { Decision = decision }
            : Refused(RefusalKind.WrongState, staff, "name", "mail-already-discarded", decision.By);
    }

    public async Task<HeldMailDecisionResult> DiscardAsync(string? name, StaffMember staff, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why))
        {
            return Refused(RefusalKind.Invalid, staff, "reason", "mail-reason-required");
        }

        if (why.Length > MaxReasonLength)
        {
            return Refused(RefusalKind.Invalid, staff, "reason", "reason-too-long", MaxReasonLength);
        }

        if (await HeldEmailAsync(name, cancellationToken) is not { } held)
        {
            return new(HeldMailDecisionOutcome.NotFound);
        }

        var decision = held.Decision ?? await quarantine.DecideAsync(held.BlobName, new QuarantineDecision
        {
            Action = QuarantineDecision.Discarded,
            By = staff.Id,
            At = time.GetUtcNow(),
            Reason = why,
        }, cancellationToken);
        return decision.Action == QuarantineDecision.Discarded
            ? new(HeldMailDecisionOutcome.Done) { Decision = decision }
            : Refused(RefusalKind.WrongState, staff, "name", "mail-already-released", decision.By);
    }

    private async Task<QuarantinedPayload?> HeldEmailAsync(string? name, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(name) ? null
        : await quarantine.FindAsync(name, cancellationToken) is { Channel: "email" } held ? held
        : null;

    private static HeldMailDecisionResult Refused(RefusalKind kind, StaffMember staff, string field, string key, params object[] args) =>
        new(HeldMailDecisionOutcome.Refused) { Refusal = new DeskRefusal(kind, [new ValidationError(field, DeskDecisionMessages.Format(staff.Language, key, args))]) };
}
