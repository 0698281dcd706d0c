using System.Security.Cryptography;
using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify.Sms;

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

    /// <summary>An empty text: kept with the other ignored payloads, answered with nothing.</summary>
    Ignored,
}

/// <param name="Reply">Text to send straight back (a keyword's answer); null for none.</param>
public sealed record InboundSmsOutcome(InboundSmsOutcomeKind Kind, string? ComplaintId = null, string? Reply = null);

/// <summary>
/// Acts on one inbound text, from either provider: keywords (STOP, START, HELP and their kin) first; then a text
/// that joins the number's recent open complaint; else a new complaint. The complaint id derives from the provider's
/// message id and a joined text is recognised by it, so a redelivered webhook changes nothing.
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
    IMessageQueue queue,
    IntakeOptions options,
    TimeProvider time)
{
    /// <summary>How long a text waits for the complaint another part of the same story is opening right now.</summary>
    private static readonly TimeSpan OpeningWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan OpeningPoll = TimeSpan.FromMilliseconds(100);

    private const int MaxClaimAttempts = 20;

    public async Task<InboundSmsOutcome> HandleAsync(InboundSms sms, RawPayload payload, string? traceParent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        var outcome = await RecordAsync(sms, payload, traceParent, cancellationToken);
        if (sms.Media.Count > 0 && outcome is { Kind: InboundSmsOutcomeKind.Created or InboundSmsOutcomeKind.Appended or InboundSmsOutcomeKind.Duplicate, ComplaintId: { } complaintId })
        {
            // The text is stored; its pictures are fetched by the sms-media queue, so the provider's media host can
            // neither slow nor fail this answer. Queued again on a redelivery too (the first attempt may have stopped
            // before this): media already kept are not fetched twice.
            await queue.SendAsync(QueueNames.SmsMedia, new SmsMediaMessage(complaintId, sms.Provider, sms.MessageId, sms.Media) { TraceParent = traceParent }, cancellationToken);
        }

        return outcome;
    }

    private async Task<InboundSmsOutcome> RecordAsync(InboundSms sms, RawPayload payload, string? traceParent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (string.IsNullOrWhiteSpace(sms.Body) && sms.Media.Count == 0)
        {
            // Phones send empty texts by accident; refusing one would only make the provider retry it.
            await raw.SaveAsync($"sms/ignored/{now:yyyy/MM/dd}/{Hash(sms.MessageId)}.{payload.Extension}", payload.Content, payload.ContentType, cancellationToken);
            return new(InboundSmsOutcomeKind.Ignored);
        }

        if (keywords.Read(sms.Body) is { } keyword)
        {
            await raw.SaveAsync($"sms/keywords/{now:yyyy/MM/dd}/{Hash(sms.MessageId)}.{payload.Extension}", payload.Content, payload.ContentType, cancellationToken);
            if (await AnswerAsync(sms, keyword, cancellationToken) is { } answered)
            {
                return answered;
            }
        }

        if (!sms.FromIsE164)
        {
            // A short code or a sender name cannot be answered or linked to a person.
            await quarantine.HoldAsync("sms", QuarantineReasons.SenderNotPhoneNumber, null, null, payload, cancellationToken);
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
        if (await ReferencedAsync(sms, ownId, cancellationToken) is { } named)
        {
            if (!ContactPhone.IsSame(sms.From, named.Contact.Phone))
            {
                // Another person's complaint, or the customer's other phone: a person decides. The detail names the
                // complaint, whose number staff compare with the sender's in the held payload.
                await quarantine.HoldAsync("sms", QuarantineReasons.ReferenceFromOtherNumber, $"reference {named.Reference}", sms.From, payload, cancellationToken);
                return new(InboundSmsOutcomeKind.Quarantined);
            }

            return await AppendAsync(named.Id, sms, payload, receivedAt, cancellationToken);
        }

        var valid = Validate(sms);
        for (var attempt = 1; ; attempt++)
        {
            var thread = await threads.FindAsync(sms.From, cancellationToken);
            if (thread is not null && thread.Thread.ComplaintId != ownId && await JoinableAsync(thread.Thread, sms, receivedAt, cancellationToken))
            {
                return await AppendAsync(thread.Thread.ComplaintId, sms, payload, receivedAt, cancellationToken);
            }

            if (valid is null)
            {
                await quarantine.HoldAsync("sms", QuarantineReasons.InvalidSubmission, "text", null, payload, cancellationToken);
                return new(InboundSmsOutcomeKind.Quarantined);
            }

            // The claim comes before the complaint, and only one text can make it: the parts of a long story that
            // arrive together all find the thread claimed but one, and join the complaint that one opens.
            if (thread?.Thread.ComplaintId == ownId
                || await threads.TryClaimAsync(sms.From, new SmsThread(ownId, receivedAt), thread?.Version, cancellationToken))
            {
                var outcome = await intake.RecordAsync(valid, sms.MessageId, payload, traceParent, cancellationToken);
                return new(outcome.Kind == IntakeOutcomeKind.Created ? InboundSmsOutcomeKind.Created : InboundSmsOutcomeKind.Duplicate, outcome.Complaint.Id);
            }

            if (attempt == MaxClaimAttempts)
            {
                // The provider retries a failed webhook; the text is not lost.
                throw new InvalidOperationException($"The SMS thread for text {Hash(sms.MessageId)} kept changing; gave up after {attempt} attempts.");
            }
        }
    }

    /// <summary>
    /// Acts on a keyword; null when it does not apply (an opt-out from a sender that is not a phone number). The
    /// customer gets one answer: ours only for the words the provider does not answer itself.
    /// </summary>
    private async Task<InboundSmsOutcome?> AnswerAsync(InboundSms sms, SmsKeywordReading keyword, CancellationToken cancellationToken)
    {
        var ours = keywords.WeAnswer(keyword);
        var language = ReplyLanguage(sms, keyword);
        switch (keyword.Keyword)
        {
            case SmsKeyword.OptOut when sms.FromIsE164:
                // Confirmed once: a number that had already opted out is not texted again.
                var already = await optOuts.IsOptedOutAsync(sms.From, cancellationToken);
                await optOuts.OptOutAsync(sms.From, sms.Body, cancellationToken);
                return new(InboundSmsOutcomeKind.OptedOut, Reply: ours && !already ? composer.OptedOut(language) : null);
            case SmsKeyword.OptIn when sms.FromIsE164:
                await optOuts.OptInAsync(sms.From, cancellationToken);
                return new(InboundSmsOutcomeKind.OptedIn, Reply: ours ? composer.OptedIn(language) : null);
            case SmsKeyword.Help:
                return new(InboundSmsOutcomeKind.Help, Reply: ours ? composer.Help(language) : null);
            default:
                return null;
        }
    }

    /// <summary>
    /// The script of the text; a Chinese carrier keyword written in Latin letters (TD, T, N) is answered in Chinese,
    /// traditional for numbers of Hong Kong, Macao and Taiwan.
    /// </summary>
    private static string ReplyLanguage(InboundSms sms, SmsKeywordReading keyword)
    {
        var detected = SupportedLanguages.Detect(sms.Body);
        if (detected != SupportedLanguages.English || keyword.Origin != SmsKeywordOrigin.Carrier)
        {
            return detected;
        }

        return ContactPhone.RegionOf(sms.From) is "HK" or "MO" or "TW" ? SupportedLanguages.TraditionalChinese : SupportedLanguages.SimplifiedChinese;
    }

    /// <summary>
    /// Whether the text joins the thread's complaint: it is open and was texted within the window, or it already holds
    /// this text. A complaint not there yet is being opened by another part of the same story: wait for it; one that
    /// never appears (its text failed on the way) leaves the thread to be claimed again.
    /// </summary>
    private async Task<bool> JoinableAsync(SmsThread thread, InboundSms sms, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var waitUntil = time.GetUtcNow() + OpeningWait;
        while (true)
        {
            if (await complaints.FindAsync(thread.ComplaintId, cancellationToken) is { } open)
            {
                return open.Complaint.Replies.Any(r => r.MessageId == sms.MessageId)
                    || threading.JoinsExisting(open.Complaint.Status, thread.LastTextAt, receivedAt);
            }

            if (!threading.JoinsExisting(ComplaintStatus.Received, thread.LastTextAt, receivedAt) || time.GetUtcNow() >= waitUntil)
            {
                return false;
            }

            await Task.Delay(OpeningPoll, time, cancellationToken);
        }
    }

    /// <summary>
    /// The complaint whose reference (CF-XXXXX-XXXXX) the text names, outside the join window too; a resolved one
    /// reopens for a callback when the text is appended. An erased one is left to the usual path (a new complaint).
    /// </summary>
    private async Task<Complaint?> ReferencedAsync(InboundSms sms, string ownId, CancellationToken cancellationToken)
    {
        if (Email.InboundEmailClassifier.FindReference(sms.Body) is not { } id || id == ownId)
        {
            return null;
        }

        return await complaints.FindAsync(id, cancellationToken) is { Complaint: { ErasedAt: null } named }
            ? named
            : null;
    }

    private ValidSubmission? Validate(InboundSms sms)
    {
        var text = TextOf(sms);
        var submission = new ComplaintSubmission
        {
            Channel = Channel.Sms,
            Phone = sms.From,
            Email = ContactHints.FindEmail(text),
            Text = text,
            ChannelAddress = sms.To,
        };
        new SubmissionValidator(options).Validate(submission, null, out var valid);
        if (valid is null && submission.Email is not null)
        {
            // A malformed address in the text must not cost the customer their complaint.
            new SubmissionValidator(options).Validate(submission with { Email = null }, null, out valid);
        }

        // Labelled facts in the text ("户号：...", "Account: 12345"): found, never guessed.
        return valid is null ? null : valid with { Facts = ComplaintFactsParser.Find(text, time.GetUtcNow(), valid.TimeZone) };
    }

    private async Task<InboundSmsOutcome> AppendAsync(string complaintId, InboundSms sms, RawPayload payload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rawName = await raw.SaveAsync($"sms/{now:yyyy/MM/dd}/{complaintId}/text-{Hash(sms.MessageId)}.{payload.Extension}", payload.Content, payload.ContentType, cancellationToken);
        var reply = new CustomerReply { MessageId = sms.MessageId, Channel = Channel.Sms, ReceivedAt = receivedAt, From = sms.From, Text = TextOf(sms), RawPayload = rawName };
        var appended = false;
        // Every part of a long story may append at once, beside Triage and Notify writing: more attempts than usual.
        await complaints.UpdateAsync(complaintId, c =>
        {
            var change = replies.Append(c, reply, [], time.GetUtcNow());
            appended = change is not null;
            return change;
        }, cancellationToken, attempts: 30);
        await threads.RecordAsync(sms.From, new SmsThread(complaintId, receivedAt), cancellationToken);
        return new(appended ? InboundSmsOutcomeKind.Appended : InboundSmsOutcomeKind.Duplicate, complaintId);
    }

    /// <summary>The text, with picture messages' media listed (the files themselves become attachments: <see cref="SmsMediaIntake"/>).</summary>
    private string TextOf(InboundSms sms)
    {
        var text = sms.Media.Count == 0 ? sms.Body : $"{sms.Body}\n[{sms.Media.Count} media: {string.Join(", ", sms.Media.Select(m => m.ContentType ?? "unknown"))}]".Trim();
        return text.Length <= options.MaxTextLength ? text : text[..options.MaxTextLength];
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..24];
}
