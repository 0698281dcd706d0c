using System.Security.Cryptography;
using System.Text;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Intake;

/// <summary>
/// Where the files a customer sends are kept, whatever the channel (an email's attachments, a picture message's
/// media): <c>attachments/{complaintId}/{hash of the message's key}/{position}-{file name}</c> in the raw-inbound
/// store. The name depends only on the message and the file's position, so storing the same file again (a redelivered
/// webhook, a queue message handled twice) overwrites the same blob and lists it once; an erasure deletes the
/// complaint's whole <c>attachments/{complaintId}/</c> folder.
/// </summary>
public static class AttachmentBlobs
{
    public static string FolderOf(string complaintId, string sourceKey) => $"attachments/{complaintId}/{Hash(sourceKey)}";

    /// <summary>The key a file is known by on its complaint (<see cref="AttachmentNotKept.Key"/>): its message and position.</summary>
    public static string KeyOf(string sourceKey, int position) => $"{Hash(sourceKey)}/{position}";

    public static async Task<ComplaintAttachment> SaveAsync(
        IRawPayloadStore raw,
        string complaintId,
        string sourceKey,
        int position,
        string fileName,
        string contentType,
        ReadOnlyMemory<byte> content,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var name = await raw.SaveAsync($"{FolderOf(complaintId, sourceKey)}/{position}-{SafeFileName(fileName)}", content, contentType, cancellationToken);
        return new ComplaintAttachment(fileName, contentType, content.Length, name);
    }

    private static string SafeFileName(string name)
    {
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).Trim('.');
        return safe.Length switch { 0 => "attachment", > 100 => safe[^100..], _ => safe };
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..24];
}
