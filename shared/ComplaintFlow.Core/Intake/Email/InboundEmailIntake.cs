using System.Security.Cryptography;
using System.Text;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Intake.Email;

public enum InboundEmailOutcomeKind
{
    Created,

    /// <summary>The same mail again (a redelivery): nothing new was written.</summary>
    Duplicate,

    /// <summary>Appended to an existing complaint.</summary>
    Appended,

    /// <summary>Machine mail: kept in Blob, no complaint, no acknowledgement.</summary>
    Ignored,

    Quarantined,
}

public sealed record InboundEmailOutcome(InboundEmailOutcomeKind Kind, string Reason)
{
    public string? ComplaintId { get; init; }
}

/// <summary>
/// Acts on one parsed inbound mail: machine mail is kept and ignored, spam and unreadable complaints are held in
/// quarantine, replies append to their complaint, the rest opens a complaint. Every path stores the raw payload
/// before returning, so the webhook may answer 2xx once this returns. Ids derive from the Message-ID, so a
/// redelivered post changes nothing.
/// </summary>
public sealed class InboundEmailIntake(
    IntakeService intake,
    IComplaintStore complaints,
    IRawPayloadStore raw,
    IQuarantine quarantine,
    InboundEmailClassifier classifier,
    CustomerReplies replies,
    IntakeOptions options,
    TimeProvider time)
{
    public async Task<InboundEmailOutcome> HandleAsync(InboundEmail email, RawPayload payload, string? traceParent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var decision = classifier.Classify(email);
        switch (decision.Action)
        {
            case InboundEmailAction.Ignore:
                await raw.SaveAsync($"email/ignored/{time.GetUtcNow():yyyy/MM/dd}/{Hash(email.MessageId)}.{payload.Extension}", payload.Content, payload.ContentType, cancellationToken);
                return new(InboundEmailOutcomeKind.Ignored, decision.Reason);
            case InboundEmailAction.Quarantine:
                await quarantine.HoldAsync("email", decision.Reason, null, payload, cancellationToken);
                return new(InboundEmailOutcomeKind.Quarantined, decision.Reason);
            case InboundEmailAction.Reply when decision.ComplaintId is { } id && await complaints.FindAsync(id, cancellationToken) is { Complaint.ErasedAt: null }:
                return await AppendAsync(id, email, payload, decision.Reason, cancellationToken);
            default:
                // A new mail, or a reference we do not know (mistyped, or another organisation's), or a reply to a
                // complaint whose personal data was erased (nothing new is attached to it): a new complaint.
                return await CreateAsync(email, payload, traceParent, cancellationToken);
        }
    }

    private async Task<InboundEmailOutcome> CreateAsync(InboundEmail email, RawPayload payload, string? traceParent, CancellationToken cancellationToken)
    {
        var text = ComplaintTextOf(email);
        var submission = new ComplaintSubmission
        {
            Channel = Channel.Email,
            Name = email.FromName,
            Email = email.From,
            Phone = ContactHints.FindPhone(text, options.DefaultPhoneRegion),
            Subject = Truncate(email.Subject, 200),
            Text = text,
        };
        var errors = new SubmissionValidator(options).Validate(submission, null, out var valid);
        if (valid is null)
        {
            // SendGrid retries anything but 2xx for days; a person decides what this mail is.
            await quarantine.HoldAsync("email", QuarantineReasons.InvalidSubmission, string.Join(", ", errors.Select(e => e.Field).Distinct()), payload, cancellationToken);
            return new(InboundEmailOutcomeKind.Quarantined, QuarantineReasons.InvalidSubmission);
        }

        var id = ComplaintId.FromSource(Channel.Email, email.MessageId);
        var attachments = await SaveAttachmentsAsync(id, email, cancellationToken);
        var outcome = await intake.RecordAsync(valid, email.MessageId, payload, traceParent, cancellationToken);
        if (attachments.Count > 0)
        {
            await complaints.UpdateAsync(id, c => CustomerReplies.ListAttachments(c, attachments, time.GetUtcNow()), cancellationToken);
        }

        return new(outcome.Kind == IntakeOutcomeKind.Created ? InboundEmailOutcomeKind.Created : InboundEmailOutcomeKind.Duplicate, InboundEmailReasons.New)
        {
            ComplaintId = outcome.Complaint.Id,
        };
    }

    private async Task<InboundEmailOutcome> AppendAsync(string complaintId, InboundEmail email, RawPayload payload, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rawName = await raw.SaveAsync($"email/{now:yyyy/MM/dd}/{complaintId}/reply-{Hash(email.MessageId)}.{payload.Extension}", payload.Content, payload.ContentType, cancellationToken);
        var attachments = await SaveAttachmentsAsync(complaintId, email, cancellationToken);
        var reply = new CustomerReply
        {
            MessageId = email.MessageId,
            Channel = Channel.Email,
            ReceivedAt = now,
            Text = Truncate(ComplaintTextOf(email), options.MaxTextLength) ?? string.Empty,
            RawPayload = rawName,
        };
        var appended = false;
        await complaints.UpdateAsync(complaintId, c =>
        {
            var change = replies.Append(c, reply, attachments, time.GetUtcNow());
            appended = change is not null;
            return change;
        }, cancellationToken);
        return new(appended ? InboundEmailOutcomeKind.Appended : InboundEmailOutcomeKind.Duplicate, reason) { ComplaintId = complaintId };
    }

    private async Task<IReadOnlyList<ComplaintAttachment>> SaveAttachmentsAsync(string complaintId, InboundEmail email, CancellationToken cancellationToken)
    {
        var saved = new List<ComplaintAttachment>();
        var folder = $"attachments/{complaintId}/{Hash(email.MessageId)}";
        foreach (var (attachment, index) in email.Attachments.Select((a, i) => (a, i + 1)))
        {
            var name = await raw.SaveAsync($"{folder}/{index}-{SafeFileName(attachment.FileName)}", attachment.Content, attachment.ContentType, cancellationToken);
            saved.Add(new ComplaintAttachment(attachment.FileName, attachment.ContentType, attachment.Size, name));
        }

        return saved;
    }

    /// <summary>What the customer wrote this time; a mail with only quoted text or only a subject still says something.</summary>
    private string ComplaintTextOf(InboundEmail email)
    {
        var text = !string.IsNullOrWhiteSpace(email.ComplaintText) ? email.ComplaintText
            : !string.IsNullOrWhiteSpace(email.Body) ? email.Body
            : email.Subject ?? string.Empty;
        return Truncate(text.Trim(), options.MaxTextLength) ?? string.Empty;
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private static string SafeFileName(string name)
    {
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).Trim('.');
        return safe.Length switch { 0 => "attachment", > 100 => safe[^100..], _ => safe };
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..24];
}
