using System.Security.Cryptography;
using System.Text;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Intake.Sms;

public enum InboundSmsOutcomeKind
{
    Created,
    Duplicate,
    Appended,
    OptedOut,
    OptedIn,
    Help,
    Quarantined,
}

/// <param name="Reply">Text to send straight back (the HELP answer); null for none.</param>
public sealed record InboundSmsOutcome(InboundSmsOutcomeKind Kind, string? ComplaintId = null, string? Reply = null);

/// <summary>
/// Acts on one inbound text, from either provider: keywords (STOP, START, HELP) first; then a text that joins the
/// number's recent open complaint; else a new complaint. The complaint id derives from the provider's message id and a
/// joined text is recognised by it, so a redelivered webhook changes nothing.
/// </summary>
public sealed class InboundSmsIntake(
    IntakeService intake,
    IComplaintStore complaints,
    IRawPayloadStore raw,
    IQuarantine quarantine,
    ISmsOptOuts optOuts,
    ISmsThreads threads,
    SmsThreadingPolicy threading,
    SmsKeywordPolicy keywords,
    SmsComposer composer,
    CustomerReplies replies,
    IntakeOptions options,
    TimeProvider time)
{
    public async Task<InboundSmsOutcome> HandleAsync(InboundSms sms, RawPayload payload, string? traceParent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        var now = time.GetUtcNow();
        var keyword = keywords.Classify(sms.Body);
        if (keyword != SmsKeyword.None)
        {
            await raw.SaveAsync($"sms/keywords/{now:yyyy/MM/dd}/{Hash(sms.MessageId)}.{payload.Extension}", payload.Content, payload.ContentType, cancellationToken);
            switch (keyword)
            {
                case SmsKeyword.OptOut when sms.FromIsE164:
                    await optOuts.OptOutAsync(sms.From, sms.Body, cancellationToken);
                    return new(InboundSmsOutcomeKind.OptedOut);
                case SmsKeyword.OptIn when sms.FromIsE164:
                    await optOuts.OptInAsync(sms.From, cancellationToken);
                    return new(InboundSmsOutcomeKind.OptedIn);
                case SmsKeyword.Help:
                    return new(InboundSmsOutcomeKind.Help, Reply: composer.Help(SupportedLanguages.Detect(sms.Body)));
            }
        }

        if (!sms.FromIsE164)
        {
            // A short code or a sender name cannot be answered or linked to a person.
            await quarantine.HoldAsync("sms", QuarantineReasons.SenderNotPhoneNumber, null, payload, cancellationToken);
            return new(InboundSmsOutcomeKind.Quarantined);
        }

        var ownId = ComplaintId.FromSource(Channel.Sms, sms.MessageId);
        if (await complaints.FindAsync(ownId, cancellationToken) is { } own)
        {
            // Twilio redelivers a text whose answer it did not get: finish what the first attempt may have left undone.
            await intake.ResumeAsync(own.Complaint, traceParent, cancellationToken);
            return new(InboundSmsOutcomeKind.Duplicate, ownId);
        }

        var receivedAt = sms.ReceivedAt ?? now;
        if (await threads.FindAsync(sms.From, cancellationToken) is { } thread
            && await complaints.FindAsync(thread.ComplaintId, cancellationToken) is { } open
            && (open.Complaint.Replies.Any(r => r.MessageId == sms.MessageId) || threading.JoinsExisting(open.Complaint.Status, thread.LastTextAt, receivedAt)))
        {
            return await AppendAsync(open.Complaint.Id, sms, payload, receivedAt, cancellationToken);
        }

        var text = TextOf(sms);
        var submission = new ComplaintSubmission
        {
            Channel = Channel.Sms,
            Phone = sms.From,
            Email = ContactHints.FindEmail(text),
            Text = text,
        };
        new SubmissionValidator(options).Validate(submission, null, out var valid);
        if (valid is null && submission.Email is not null)
        {
            // A malformed address in the text must not cost the customer their complaint.
            new SubmissionValidator(options).Validate(submission with { Email = null }, null, out valid);
        }

        if (valid is null)
        {
            await quarantine.HoldAsync("sms", QuarantineReasons.InvalidSubmission, "text", payload, cancellationToken);
            return new(InboundSmsOutcomeKind.Quarantined);
        }

        var outcome = await intake.RecordAsync(valid, sms.MessageId, payload, traceParent, cancellationToken);
        await threads.RecordAsync(sms.From, new SmsThread(outcome.Complaint.Id, receivedAt), cancellationToken);
        return new(outcome.Kind == IntakeOutcomeKind.Created ? InboundSmsOutcomeKind.Created : InboundSmsOutcomeKind.Duplicate, outcome.Complaint.Id);
    }

    private async Task<InboundSmsOutcome> AppendAsync(string complaintId, InboundSms sms, RawPayload payload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rawName = await raw.SaveAsync($"sms/{now:yyyy/MM/dd}/{complaintId}/text-{Hash(sms.MessageId)}.{payload.Extension}", payload.Content, payload.ContentType, cancellationToken);
        var reply = new CustomerReply { MessageId = sms.MessageId, Channel = Channel.Sms, ReceivedAt = receivedAt, Text = TextOf(sms), RawPayload = rawName };
        var appended = false;
        await complaints.UpdateAsync(complaintId, c =>
        {
            var change = replies.Append(c, reply, [], time.GetUtcNow());
            appended = change is not null;
            return change;
        }, cancellationToken);
        await threads.RecordAsync(sms.From, new SmsThread(complaintId, receivedAt), cancellationToken);
        return new(appended ? InboundSmsOutcomeKind.Appended : InboundSmsOutcomeKind.Duplicate, complaintId);
    }

    /// <summary>The text, with picture messages' media listed so staff know to look (Twilio keeps the files).</summary>
    private string TextOf(InboundSms sms)
    {
        var text = sms.Media.Count == 0 ? sms.Body : $"{sms.Body}\n[{sms.Media.Count} media: {string.Join(", ", sms.Media.Select(m => m.ContentType ?? "unknown"))}]".Trim();
        return text.Length <= options.MaxTextLength ? text : text[..options.MaxTextLength];
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..24];
}
