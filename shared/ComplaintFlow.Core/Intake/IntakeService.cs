using System.Security.Cryptography;
using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Intake;

public enum IntakeOutcomeKind
{
    /// <summary>A new complaint was recorded.</summary>
    Created,

    /// <summary>The same submission arrived again (a retry, a double click): the first complaint stands.</summary>
    Duplicate,

    /// <summary>The idempotency key was already used for a different complaint.</summary>
    KeyReused,
}

public sealed record IntakeOutcome(IntakeOutcomeKind Kind, Complaint Complaint);

/// <summary>The raw payload as received, kept before anything else happens to it.</summary>
public sealed record RawPayload(ReadOnlyMemory<byte> Content, string ContentType, string Extension);

/// <summary>
/// Records a validated complaint: raw payload to blob first (nothing is lost), then state and its <c>received</c>
/// event in one transaction, then its contact rows and a message for Triage that carries the complaint as created (the
/// search index is Triage's work, off this path). Each step is safe to repeat, so a client retry with the same
/// idempotency key repairs a half-finished attempt instead of creating a second complaint.
/// </summary>
public sealed class IntakeService(IComplaintStore complaints, IRawPayloadStore raw, IMessageQueue queue, IContactHistory contacts, TimeProvider time)
{
    public async Task<IntakeOutcome> RecordAsync(
        ValidSubmission submission,
        string sourceMessageId,
        RawPayload payload,
        string? traceParent,
        CancellationToken cancellationToken,
        string? recordedBy = null,
        string? fingerprint = null,
        bool readBack = false)
    {
        var id = ComplaintId.FromSource(submission.Channel, sourceMessageId);
        fingerprint ??= Fingerprint(submission);

        // No read first: a new complaint is the usual case, and the creation itself says whether the id exists (a
        // retry, a double click, a reused key), which is then read once below. A repeat therefore stores its payload
        // and deletes it again, where a read first would cost every new complaint one request on the 202 path.
        var now = time.GetUtcNow();
        var rawName = await raw.SaveAsync(
            $"{submission.Channel.ToString().ToLowerInvariant()}/{now:yyyy/MM/dd}/{id}/{now.UtcTicks}.{payload.Extension}",
            payload.Content,
            payload.ContentType,
            cancellationToken);

        var complaint = new Complaint
        {
            Id = id,
            Channel = submission.Channel,
            ReceivedAt = now,
            Contact = submission.Contact,
            Subject = submission.Subject,
            Text = submission.Text,
            Facts = submission.Facts,
            Language = submission.Language,
            TimeZone = submission.TimeZone,
            ChannelAddress = submission.ChannelAddress,
            SourceMessageId = sourceMessageId,
            RawPayload = rawName,
            Fingerprint = fingerprint,
            Owner = recordedBy,
        };
        var change = complaint.Change(now).Record(EventTypes.Received, recordedBy ?? Actors.Customer, new Dictionary<string, string>
        {
            ["channel"] = submission.Channel.ToString(),
            ["language"] = submission.Language,
            ["characters"] = submission.Text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (readBack && recordedBy is not null)
        {
            // The agent read the record back to the caller and they confirmed it (复述确认), before it was recorded.
            change.Record(EventTypes.ReadBack, recordedBy, new Dictionary<string, string> { ["confirmed"] = "customer" });
        }

        var created = await complaints.CreateAsync(change, cancellationToken);
        if (created is null)
        {
            // A repeat of a recorded submission, a race with a concurrent delivery of it, or our own write went through
            // and only its answer was lost (the winner then holds this payload). Otherwise the winner's payload is the
            // one kept, and this copy would belong to no complaint (nor be found by an erasure).
            var winner = await complaints.FindAsync(id, cancellationToken)
                ?? throw new InvalidOperationException($"Complaint {id} exists but cannot be read.");
            if (winner.Complaint.RawPayload != rawName)
            {
                await raw.DeleteAsync(rawName, cancellationToken);
            }

            return await RepeatAsync(winner.Complaint, fingerprint, traceParent, cancellationToken);
        }

        // Indexed by contact at once, not only at triage: a data subject request finds a complaint still in the queue.
        await contacts.RecordAsync(change.State, cancellationToken);
        // The message carries the complaint as created, and the version, so Triage scores it without reading it.
        await queue.SendAsync(QueueNames.Intake, new IntakeMessage(id) { TraceParent = traceParent, Carried = CarriedComplaint.Of(created) }, cancellationToken);
        return new IntakeOutcome(IntakeOutcomeKind.Created, change.State);
    }

    private async Task<IntakeOutcome> RepeatAsync(Complaint existing, string fingerprint, string? traceParent, CancellationToken cancellationToken)
    {
        if (existing.Fingerprint != fingerprint)
        {
            return new IntakeOutcome(IntakeOutcomeKind.KeyReused, existing);
        }

        await ResumeAsync(existing, traceParent, cancellationToken);
        return new IntakeOutcome(IntakeOutcomeKind.Duplicate, existing);
    }

    /// <summary>
    /// For a redelivered submission whose complaint exists: the first attempt may have stopped (a crash, a lost
    /// answer) between recording it and asking Triage, so a complaint still untriaged is queued again; Triage ignores
    /// a second message.
    /// </summary>
    public async Task ResumeAsync(Complaint existing, string? traceParent, CancellationToken cancellationToken)
    {
        if (existing.Status == ComplaintStatus.Received)
        {
            await contacts.RecordAsync(existing, cancellationToken);
            await queue.SendAsync(QueueNames.Intake, new IntakeMessage(existing.Id) { TraceParent = traceParent }, cancellationToken);
        }
    }

    /// <summary>
    /// Identifies the content of a submission, to tell a retry from a different complaint under the same key. A
    /// channel that knows more of the message than the submission holds (email: attachments, the quoted text) passes
    /// its own fingerprint to <see cref="RecordAsync"/> instead.
    /// </summary>
    public static string Fingerprint(ValidSubmission submission)
    {
        var canonical = string.Join('\u001f', submission.Channel, submission.Contact.Email, submission.Contact.Phone, submission.Subject, submission.Text);
        if (submission.Facts is { } facts)
        {
            // Only when there are facts, so a complaint recorded before they existed keeps its fingerprint.
            canonical += '\u001f' + System.Text.Json.JsonSerializer.Serialize(facts with { FoundInText = [] }, ComplaintJson.Options);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..32];
    }
}
