using System.Text;
using MimeKit;

namespace ComplaintFlow.Core.Intake.Email;

public sealed record FormFilePart(string Name, string FileName, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>
/// A <c>multipart/form-data</c> body read as bytes. Fields stay bytes because SendGrid sends each field in the
/// charset named by its <c>charsets</c> field (GB2312, Big5...): decoding them as UTF-8 on the way in would destroy
/// the text before we know which charset it is in.
/// </summary>
public sealed record MultipartForm(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Fields, IReadOnlyList<FormFilePart> Files)
{
    /// <summary>Reads a request body given its Content-Type header.</summary>
    /// <exception cref="InboundPayloadException">The body is not multipart/form-data with a boundary, or holds no part.</exception>
    public static MultipartForm Read(ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken = default)
    {
        if (!ContentType.TryParse(contentType ?? string.Empty, out var type) || !type.IsMimeType("multipart", "form-data"))
        {
            throw new InboundPayloadException("Content-Type", "Expected multipart/form-data, as SendGrid Inbound Parse posts.");
        }

        if (string.IsNullOrEmpty(type.Boundary))
        {
            throw new InboundPayloadException("Content-Type", "The multipart/form-data Content-Type has no boundary parameter.");
        }

        using var stream = new MemoryStream(body.ToArray(), writable: false);
        var entity = MimeEntity.Load(type, stream, cancellationToken);
        if (entity is not Multipart { Count: > 0 } multipart)
        {
            throw new InboundPayloadException("body", $"No form part was found between '--{type.Boundary}' boundaries.");
        }

        var fields = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.OrdinalIgnoreCase);
        var files = new List<FormFilePart>();
        foreach (var part in multipart)
        {
            var disposition = part.ContentDisposition;
            if (disposition is null || !disposition.Parameters.TryGetValue("name", out string? name) || string.IsNullOrEmpty(name))
            {
                continue;
            }

            var content = ContentOf(part, cancellationToken);
            if (disposition.FileName is { Length: > 0 } fileName)
            {
                files.Add(new FormFilePart(name, fileName, part.ContentType.MimeType, content));
            }
            else
            {
                fields.TryAdd(name, content);
            }
        }

        return new MultipartForm(fields, files);
    }

    public bool Has(string name) => Fields.ContainsKey(name);

    /// <summary>A field read as UTF-8 (SendGrid's charset for its own fields: envelope, charsets, spam_score...).</summary>
    public string? Text(string name) => Fields.TryGetValue(name, out var value) ? Encoding.UTF8.GetString(value.Span) : null;

    /// <summary>The decoded bytes of a MIME part (a form field, a file, a mail attachment).</summary>
    internal static byte[] ContentOf(MimeEntity part, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        switch (part)
        {
            case MimePart { Content: not null } mime:
                mime.Content.DecodeTo(output, cancellationToken);
                break;
            case MessagePart { Message: not null } message:
                message.Message.WriteTo(output, cancellationToken);
                break;
            case Multipart nested:
                nested.WriteTo(output, contentOnly: true, cancellationToken);
                break;
        }

        return output.ToArray();
    }
}
