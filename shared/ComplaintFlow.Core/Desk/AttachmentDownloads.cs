using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk.DataRights;

namespace ComplaintFlow.Core.Desk;

public enum AttachmentDownloadOutcome
{
    Found,

    /// <summary>No complaint with that id, no attachment with that number, or its file is gone (erased, expired).</summary>
    NotFound,

    /// <summary>The stored file is not the one the complaint recorded (another type or size): nothing is served.</summary>
    Mismatch,
}

/// <summary>A customer's file as staff download it: its name, the type it is served as, and its bytes.</summary>
public sealed record AttachmentDownload(AttachmentDownloadOutcome Outcome)
{
    public string? FileName { get; init; }

    /// <summary>The recorded type, or <c>application/octet-stream</c> for a type a browser would run (HTML, SVG, XML, script).</summary>
    public string? ServedAs { get; init; }
    public ReadOnlyMemory<byte> Content { get; init; }
}

/// <summary>
/// Staff open a complaint's attachments through the app, never from storage: the customer's file is read from
/// <c>raw-inbound</c> only when it is the one the complaint recorded (under the complaint's own folder, the same type
/// and size), and is always a download, never shown inline, so a hostile file cannot run in the desk's origin.
/// Attachments are numbered from 1 in the order the complaint lists them.
/// </summary>
public sealed class AttachmentDownloads(IComplaintStore complaints, IPayloadArchive archive)
{
    public const string OctetStream = "application/octet-stream";

    /// <summary>Types a browser renders as a document or runs, whatever the Content-Disposition says when opened from the downloads.</summary>
    private static readonly HashSet<string> Active = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml", "text/javascript",
        "application/javascript", "application/ecmascript", "text/ecmascript", "application/x-shockwave-flash", "text/xsl",
    };

    public async Task<AttachmentDownload> OpenAsync(string complaintId, int number, CancellationToken cancellationToken)
    {
        if (!ComplaintId.TryParse(complaintId, out var id) || await complaints.FindAsync(id, cancellationToken) is not { } found
            || number < 1 || number > found.Complaint.Attachments.Count)
        {
            return new(AttachmentDownloadOutcome.NotFound);
        }

        var attachment = found.Complaint.Attachments[number - 1];
        if (!attachment.BlobName.StartsWith($"attachments/{id}/", StringComparison.Ordinal))
        {
            return new(AttachmentDownloadOutcome.Mismatch);
        }

        if (await archive.ReadAsync(attachment.BlobName, cancellationToken) is not { } stored)
        {
            return new(AttachmentDownloadOutcome.NotFound);
        }

        if (!string.Equals(MediaType(AsStored(attachment.ContentType)), MediaType(stored.ContentType), StringComparison.OrdinalIgnoreCase)
            || stored.Content.Length != attachment.Size)
        {
            return new(AttachmentDownloadOutcome.Mismatch);
        }

        var type = MediaType(attachment.ContentType);
        return new(AttachmentDownloadOutcome.Found)
        {
            FileName = attachment.Name,
            ServedAs = IsMediaType(type) && !Active.Contains(type) ? type : OctetStream,
            Content = stored.Content,
        };
    }

    /// <summary>Blob headers are ASCII: a type that is not was stored as octet-stream (as the raw store does).</summary>
    private static string AsStored(string contentType) => contentType.All(c => c is >= ' ' and <= '~') ? contentType : OctetStream;

    private static string MediaType(string contentType) => contentType.Split(';', 2)[0].Trim().ToLowerInvariant();

    private static bool IsMediaType(string type) =>
        type.Split('/') is [{ Length: > 0 } major, { Length: > 0 } minor]
        && $"{major}{minor}".All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-' or '_');
}
