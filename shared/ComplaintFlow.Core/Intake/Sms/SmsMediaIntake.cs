using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake.Email;
using MimeKit;

namespace ComplaintFlow.Core.Intake.Sms;

public static class SmsMediaReasons
{
    /// <summary>Above the attachment limits of the email channel (<c>InboundEmail:MaxAttachments</c>, <c>MaxAttachmentBytes</c>).</summary>
    public const string OverLimit = "over-limit";

    /// <summary>The URL is not one of this message's media at the provider's own address: never requested.</summary>
    public const string NotProviderHost = "not-provider-host";

    /// <summary>The provider refused it, or did not answer through every retry of the queue.</summary>
    public const string NotFetchable = "not-fetchable";
}

/// <summary>
/// Keeps a picture message's media as attachments of its complaint (queue <c>sms-media</c>), after the text is
/// stored: the webhook answers the provider at once and the fetch can neither delay nor fail it. Each media is kept
/// exactly as an email's attachment (<see cref="AttachmentBlobs"/>, under the email channel's limits); one that is
/// too large, not at the provider's own address, or not fetchable is recorded on the complaint with why, and the
/// complaint stands. Running twice keeps each media once: its blob name and its key derive from the message id and
/// its position, and media already kept or recorded are not fetched again.
/// </summary>
public sealed class SmsMediaIntake(IComplaintStore complaints, IRawPayloadStore raw, ISmsMediaSource source, InboundEmailOptions limits, TimeProvider time)
{
    public async Task HandleAsync(SmsMediaMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await complaints.FindAsync(message.ComplaintId, cancellationToken) is not { Complaint: { ErasedAt: null } complaint })
        {
            // Erased meanwhile (nothing new is attached to it), or never recorded: nothing to keep the media on.
            return;
        }

        var folder = AttachmentBlobs.FolderOf(complaint.Id, message.MessageId) + "/";
        var ofMessage = complaint.Attachments.Where(a => a.BlobName.StartsWith(folder, StringComparison.Ordinal)).ToList();
        var count = ofMessage.Count;
        var bytes = ofMessage.Sum(a => a.Size);
        var prefix = source.MediaPrefix(message.Provider);
        var kept = new List<ComplaintAttachment>();
        var notKept = new List<AttachmentNotKept>();
        foreach (var (media, position) in message.Media.Select((m, i) => (m, i + 1)))
        {
            if (IsDone(complaint, message, position))
            {
                continue;
            }

            if (!Uri.TryCreate(media.Url, UriKind.Absolute, out var url) || prefix is null || !SmsMediaAddresses.IsOwnMedia(url, prefix, message.MessageId))
            {
                notKept.Add(NotKept(message, position, media.ContentType, SmsMediaReasons.NotProviderHost));
                continue;
            }

            if (!limits.AttachmentsFit(count + 1, bytes))
            {
                notKept.Add(NotKept(message, position, media.ContentType, SmsMediaReasons.OverLimit));
                continue;
            }

            var fetched = await source.FetchAsync(message.Provider, url, limits.MaxAttachmentBytes - bytes, cancellationToken);
            var contentType = ContentTypeOf(fetched.ContentType ?? media.ContentType);
            if (fetched.Status == SmsMediaFetchStatus.Refused)
            {
                notKept.Add(NotKept(message, position, contentType, SmsMediaReasons.NotFetchable));
            }
            else if (fetched.Status == SmsMediaFetchStatus.TooLarge || !limits.AttachmentsFit(count + 1, bytes + fetched.Content.Length))
            {
                notKept.Add(NotKept(message, position, contentType, SmsMediaReasons.OverLimit));
            }
            else
            {
                kept.Add(await AttachmentBlobs.SaveAsync(raw, complaint.Id, message.MessageId, position, FileNameOf(position, contentType), contentType, fetched.Content, cancellationToken));
                count++;
                bytes += fetched.Content.Length;
            }
        }

        await RecordAsync(complaint.Id, kept, notKept, cancellationToken);
    }

    /// <summary>
    /// The queue's last delivery failed too (the provider did not answer through every retry): every media of the
    /// message not kept yet is recorded as not fetchable, so staff know to ask the customer for it.
    /// </summary>
    public async Task GiveUpAsync(SmsMediaMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await complaints.FindAsync(message.ComplaintId, cancellationToken) is not { Complaint: { ErasedAt: null } complaint })
        {
            return;
        }

        var notKept = message.Media.Select((m, i) => (m, i + 1))
            .Where(x => !IsDone(complaint, message, x.Item2))
            .Select(x => NotKept(message, x.Item2, x.m.ContentType, SmsMediaReasons.NotFetchable))
            .ToList();
        await RecordAsync(complaint.Id, [], notKept, cancellationToken);
    }

    private static bool IsDone(Complaint complaint, SmsMediaMessage message, int position)
    {
        var blobPrefix = $"{AttachmentBlobs.FolderOf(complaint.Id, message.MessageId)}/{position}-";
        var key = AttachmentBlobs.KeyOf(message.MessageId, position);
        return complaint.Attachments.Any(a => a.BlobName.StartsWith(blobPrefix, StringComparison.Ordinal))
            || complaint.AttachmentsNotKept.Any(n => n.Key == key);
    }

    private async Task RecordAsync(string complaintId, List<ComplaintAttachment> kept, List<AttachmentNotKept> notKept, CancellationToken cancellationToken)
    {
        if (kept.Count == 0 && notKept.Count == 0)
        {
            return;
        }

        await complaints.UpdateAsync(complaintId, c =>
        {
            // Decided again on every attempt: another run of the same message may have recorded some of these meanwhile.
            var blobs = c.Attachments.Select(a => a.BlobName).ToHashSet(StringComparer.Ordinal);
            var keys = c.AttachmentsNotKept.Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
            var newKept = kept.Where(a => !blobs.Contains(a.BlobName)).ToList();
            var newNotKept = notKept.Where(n => !keys.Contains(n.Key)).ToList();
            if (newKept.Count == 0 && newNotKept.Count == 0)
            {
                return null;
            }

            var change = c.Change(time.GetUtcNow()).Apply(x => x with
            {
                Attachments = [.. x.Attachments, .. newKept],
                AttachmentsNotKept = [.. x.AttachmentsNotKept, .. newNotKept],
            });
            foreach (var missing in newNotKept)
            {
                change.Record(EventTypes.AttachmentNotKept, Actors.System, new Dictionary<string, string>
                {
                    ["name"] = missing.Name,
                    ["contentType"] = missing.ContentType ?? "unknown",
                    ["reason"] = missing.Reason,
                });
            }

            return change;
        }, cancellationToken, attempts: 30);
    }

    private AttachmentNotKept NotKept(SmsMediaMessage message, int position, string? contentType, string reason) =>
        new(AttachmentBlobs.KeyOf(message.MessageId, position), FileNameOf(position, contentType), contentType, reason, time.GetUtcNow());

    private static string FileNameOf(int position, string? contentType) =>
        string.Create(CultureInfo.InvariantCulture, $"media{position}{(contentType is not null && MimeTypes.TryGetExtension(contentType, out var extension) ? extension : string.Empty)}");

    /// <summary>The media type without parameters, lower case; a missing or malformed one is stored as bytes.</summary>
    private static string ContentTypeOf(string? declared) =>
        declared is not null && ContentType.TryParse(declared, out var parsed) ? parsed.MimeType.ToLowerInvariant() : "application/octet-stream";
}
