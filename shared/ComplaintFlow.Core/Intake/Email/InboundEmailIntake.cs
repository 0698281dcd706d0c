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

/// <summary>What <see cref="InboundEmailIntake.HandleAsync"/> would do with a mail, found without writing anything.</summary>
public sealed record InboundEmailExplanation(InboundEmailOutcome Outcome, string Text, string? Language);

/// <summary>
/// Acts on one parsed inbound mail: machine mail is kept and ignored, spam and unreadable complaints are held in
/// quarantine, replies append to their complaint, the rest opens a complaint. Every path stores the raw payload
/// before returning, so the webhook may answer 2xx once this returns.
/// A mail is the same mail when its Message-ID and its content (<see cref="InboundEmail.ContentHash"/>) are: a
/// redelivered post changes nothing, while a Message-ID reused for other content (mass mailers, broken clients,
/// a forger) is a new message. Ids still derive from the Message-ID alone while it names one content, so the
/// complaints, replies and blobs stored before content was hashed keep their ids and names; only the second
/// content under a Message-ID takes the key <c>{Message-ID}#{content hash}</c>.
/// </summary>
public sealed class InboundEmailIntake(
    IntakeService intake,
    IComplaintStore complaints,
    IRawPayloadStore raw,
    IQuarantine quarantine,
    InboundEmailClassifier classifier,
    CustomerReplies replies,
    ReplyVerification verification,
    NoticeBounces bounces,
    IntakeOptions options,
    TimeProvider time)
{
    public async Task<InboundEmailOutcome> HandleAsync(InboundEmail email, RawPayload payload, string? traceParent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var (decision, target, unverified) = await DecideAsync(email, cancellationToken);
        switch (decision.Action)
        {
            case InboundEmailAction.Ignore:
                // Named by Message-ID and content: another machine mail under the same Message-ID is kept beside it.
                await raw.SaveAsync($"email/ignored/{time.GetUtcNow():yyyy/MM/dd}/{Hash(ReusedKey(email))}.{payload.Extension}", payload.Content, payload.ContentType, cancellationToken);
                // A bounce that names one of our notices is that notice's delivery report, recorded on its complaint.
                var bounced = await bounces.RecordAsync(email, decision.Reason, traceParent, cancellationToken);
                return new(InboundEmailOutcomeKind.Ignored, decision.Reason) { ComplaintId = bounced?.ComplaintId };
            case InboundEmailAction.Quarantine:
                await quarantine.HoldAsync("email", decision.Reason, DetailOf(decision, email), null, payload, cancellationToken);
                return new(InboundEmailOutcomeKind.Quarantined, decision.Reason);
            case InboundEmailAction.Reply when target is not null:
                return await AppendAsync(target, email, payload, decision.Reason, cancellationToken);
            case InboundEmailAction.Reply when unverified is not null:
                return await HoldUnverifiedAsync(unverified, email, payload, traceParent, cancellationToken);
            default:
                return await CreateAsync(email, payload, traceParent, cancellationToken);
        }
    }

    /// <summary>
    /// A mail naming a complaint it may not speak for: the complaint is not touched (nothing appended, no clock
    /// resumed), and the sender meets exactly what a mail naming an unknown reference meets (a complaint of their
    /// own and its acknowledgement), so the answer tells nobody whether the reference exists. Staff see it held,
    /// with its sender, to attach it by hand if it was the customer writing from another mailbox.
    /// </summary>
    private async Task<InboundEmailOutcome> HoldUnverifiedAsync(Complaint named, InboundEmail email, RawPayload payload, string? traceParent, CancellationToken cancellationToken)
    {
        var outcome = await CreateAsync(email, payload, traceParent, cancellationToken);
        if (outcome.Kind == InboundEmailOutcomeKind.Created)
        {
            // Once: a redelivery of the mail finds its complaint (Duplicate) and holds nothing again.
            await quarantine.HoldAsync("email", QuarantineReasons.ReplyFromOtherSender,
                $"names {named.Reference}; opened {ComplaintId.ToReference(outcome.ComplaintId!)}", email.From, payload, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// A held mail a supervisor judged to be a complaint, taken through this path with the classifier's verdict set
    /// aside: into <paramref name="into"/> as the customer's reply, or as a complaint of its own, validated as the
    /// webhook validates (an invalid one is refused with its errors, never held again). Safe to repeat: the
    /// Message-ID names the complaint or the reply, so a second release finds it (<c>Duplicate</c>).
    /// </summary>
    public async Task<(InboundEmailOutcome? Outcome, IReadOnlyList<ValidationError> Errors)> ReleaseAsync(
        InboundEmail email, RawPayload payload, Complaint? into, string? traceParent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (into is not null)
        {
            return (await AppendAsync(into, email, payload, "released", cancellationToken), []);
        }

        return Validate(email, out var errors) is null
            ? (null, errors)
            : (await CreateAsync(email, payload, traceParent, cancellationToken), []);
    }

    /// <summary>
    /// The outcome <see cref="HandleAsync"/> would have for a first delivery of this mail, reading the store (does a
    /// replied-to complaint exist?) but writing nothing: what <c>scripts/explain-email</c> prints. The same decision
    /// and validation as the webhook, so the two cannot drift apart.
    /// </summary>
    public async Task<InboundEmailExplanation> ExplainAsync(InboundEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var (decision, target, _) = await DecideAsync(email, cancellationToken);
        var text = ComplaintTextOf(email);
        // The language the words are in, as a complaint would record it; a mail with no words has none.
        var language = string.IsNullOrWhiteSpace(text) ? null : SupportedLanguages.Detect(text);
        switch (decision.Action)
        {
            case InboundEmailAction.Ignore:
                // As the webhook answers: the complaint only when the bounce names a notice we really sent.
                var bounce = bounces.Find(email, decision.Reason);
                var known = bounce is not null && await complaints.FindAsync(bounce.ComplaintId, cancellationToken) is { } named
                    && named.Complaint.Notifications.Any(n => n.Id == bounce.NotificationId);
                return new(new(InboundEmailOutcomeKind.Ignored, decision.Reason) { ComplaintId = known ? bounce!.ComplaintId : null }, text, language);
            case InboundEmailAction.Quarantine:
                return new(new(InboundEmailOutcomeKind.Quarantined, decision.Reason), text, language);
            case InboundEmailAction.Reply when target is not null:
                return new(new(InboundEmailOutcomeKind.Appended, decision.Reason) { ComplaintId = target.Id }, text, language);
            default:
                var valid = Validate(email, out _);
                return valid is null
                    ? new(new(InboundEmailOutcomeKind.Quarantined, QuarantineReasons.InvalidSubmission), text, language)
                    : new(new(InboundEmailOutcomeKind.Created, InboundEmailReasons.New) { ComplaintId = ComplaintId.FromSource(Channel.Email, email.MessageId) }, valid.Text, valid.Language);
        }
    }

    /// <summary>
    /// The classifier's decision, and for a reply the complaint it appends to. A reference we do not know
    /// (mistyped, or another organisation's), or a complaint whose personal data was erased (nothing new is
    /// attached to it), leaves no target: the mail opens a new complaint. A complaint the mail may not speak for
    /// (<see cref="ReplyVerification"/>) is no target either, and is returned as <c>Unverified</c>.
    /// </summary>
    private async Task<(InboundEmailDecision Decision, Complaint? Target, Complaint? Unverified)> DecideAsync(InboundEmail email, CancellationToken cancellationToken)
    {
        var decision = classifier.Classify(email);
        var named = decision is { Action: InboundEmailAction.Reply, ComplaintId: { } id }
            && await complaints.FindAsync(id, cancellationToken) is { Complaint: { ErasedAt: null } complaint }
            ? complaint
            : null;
        return named is null ? (decision, null, null)
            : verification.SpeaksFor(named, email) ? (decision, named, null)
            : (decision, null, named);
    }

    private ValidSubmission? Validate(InboundEmail email, out IReadOnlyList<ValidationError> errors)
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
            ChannelAddress = email.To.FirstOrDefault(),
        };
        errors = new SubmissionValidator(options, time).Validate(submission, null, out var valid);
        // Labelled facts in the mail ("Account: 12345", "地址：..."): found, never guessed.
        return valid is null ? null : valid with { Facts = ComplaintFactsParser.Find(text, time.GetUtcNow(), valid.TimeZone) };
    }

    private async Task<InboundEmailOutcome> CreateAsync(InboundEmail email, RawPayload payload, string? traceParent, CancellationToken cancellationToken)
    {
        var valid = Validate(email, out var errors);
        if (valid is null)
        {
            // SendGrid retries anything but 2xx for days; a person decides what this mail is.
            await quarantine.HoldAsync("email", QuarantineReasons.InvalidSubmission, string.Join(", ", errors.Select(e => e.Field).Distinct()), null, payload, cancellationToken);
            return new(InboundEmailOutcomeKind.Quarantined, QuarantineReasons.InvalidSubmission);
        }

        var fingerprint = FingerprintOf(email);
        var sourceKey = email.MessageId;
        if (await complaints.FindAsync(ComplaintId.FromSource(Channel.Email, sourceKey), cancellationToken) is { Complaint: var existing }
            && existing.Fingerprint != fingerprint
            && existing.Fingerprint != IntakeService.Fingerprint(valid))
        {
            // The second fingerprint is the one complaints recorded before content was hashed had: their redelivery.
            sourceKey = ReusedKey(email);
        }

        var id = ComplaintId.FromSource(Channel.Email, sourceKey);
        var attachments = await SaveAttachmentsAsync(id, sourceKey, email, cancellationToken);
        var outcome = await intake.RecordAsync(valid, sourceKey, payload, traceParent, cancellationToken, fingerprint: fingerprint);
        if (attachments.Count > 0)
        {
            await complaints.UpdateAsync(id, c => CustomerReplies.ListAttachments(c, attachments, time.GetUtcNow()), cancellationToken);
        }

        return new(outcome.Kind == IntakeOutcomeKind.Created ? InboundEmailOutcomeKind.Created : InboundEmailOutcomeKind.Duplicate, InboundEmailReasons.New)
        {
            ComplaintId = outcome.Complaint.Id,
        };
    }

    private async Task<InboundEmailOutcome> AppendAsync(Complaint complaint, InboundEmail email, RawPayload payload, string reason, CancellationToken cancellationToken)
    {
        var complaintId = complaint.Id;
        var reused = complaint.Replies.Any(r => r.MessageId == email.MessageId && r.ContentHash is { } hash && hash != email.ContentHash)
            || (complaint.SourceMessageId == email.MessageId && complaint.Fingerprint != FingerprintOf(email));
        var sourceKey = reused ? ReusedKey(email) : email.MessageId;
        var now = time.GetUtcNow();
        var rawName = await raw.SaveAsync($"email/{now:yyyy/MM/dd}/{complaintId}/reply-{Hash(sourceKey)}.{payload.Extension}", payload.Content, payload.ContentType, cancellationToken);
        var attachments = await SaveAttachmentsAsync(complaintId, sourceKey, email, cancellationToken);
        var reply = new CustomerReply
        {
            MessageId = sourceKey,
            ContentHash = email.ContentHash,
            Channel = Channel.Email,
            ReceivedAt = now,
            From = email.From,
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

    private async Task<IReadOnlyList<ComplaintAttachment>> SaveAttachmentsAsync(string complaintId, string sourceKey, InboundEmail email, CancellationToken cancellationToken)
    {
        var saved = new List<ComplaintAttachment>();
        foreach (var (attachment, position) in email.Attachments.Select((a, i) => (a, i + 1)))
        {
            saved.Add(await AttachmentBlobs.SaveAsync(raw, complaintId, sourceKey, position, attachment.FileName, attachment.ContentType, attachment.Content, cancellationToken));
        }

        return saved;
    }

    private static string? DetailOf(InboundEmailDecision decision, InboundEmail email) =>
        decision.Reason == InboundEmailReasons.AttachmentsOverLimit
            ? $"{email.Attachments.Count} attachments, {email.Attachments.Sum(a => a.Size)} bytes"
            : null;

    /// <summary>What the customer wrote this time; a mail with only quoted text or only a subject still says something.</summary>
    private string ComplaintTextOf(InboundEmail email)
    {
        var text = !string.IsNullOrWhiteSpace(email.ComplaintText) ? email.ComplaintText
            : !string.IsNullOrWhiteSpace(email.Body) ? email.Body
            : email.Subject ?? string.Empty;
        return Truncate(text.Trim(), options.MaxTextLength) ?? string.Empty;
    }

    /// <summary>The content hash in the form of <see cref="IntakeService.Fingerprint"/> (32 upper-case hex digits).</summary>
    private static string FingerprintOf(InboundEmail email) => email.ContentHash.ToUpperInvariant()[..Math.Min(32, email.ContentHash.Length)];

    private static string ReusedKey(InboundEmail email) => $"{email.MessageId}#{email.ContentHash}";

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..24];
}
