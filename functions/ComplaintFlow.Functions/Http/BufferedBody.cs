using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ComplaintFlow.Functions.Http;

/// <summary>A request body read whole (up to a limit), kept as bytes so it can be stored raw and then parsed.</summary>
public sealed record BufferedBody(byte[] Content, string ContentType)
{
    /// <summary>RFC 2046 section 5.1.1; a longer one would also overflow the multipart reader's buffer.</summary>
    private const int MaxBoundaryLength = 70;

    public sealed record FilePart(string Name, string FileName, string ContentType, byte[] Content);

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger (answer 413).</summary>
    public static async Task<BufferedBody?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return new BufferedBody(buffer.ToArray(), request.ContentType ?? string.Empty);
    }

    public bool IsJson => MediaTypeHeaderValue.TryParse(ContentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    public bool IsUrlEncodedForm => MediaTypeHeaderValue.TryParse(ContentType, out var type)
        && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    public bool IsMultipartForm => MediaTypeHeaderValue.TryParse(ContentType, out var type)
        && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fields and files of a urlencoded or multipart form; throws <see cref="InvalidDataException"/> when malformed.</summary>
    public async Task<(Dictionary<string, string> Fields, List<FilePart> Files)> ReadFormAsync(CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var files = new List<FilePart>();
        if (IsUrlEncodedForm)
        {
            var text = Encoding.UTF8.GetString(Content);
            foreach (var (key, value) in QueryHelpers.ParseQuery(text.StartsWith('?') ? text : "?" + text))
            {
                fields[key] = value.ToString();
            }

            return (fields, files);
        }

        var boundary = MediaTypeHeaderValue.Parse(ContentType).Boundary.Value?.Trim('"');
        if (string.IsNullOrWhiteSpace(boundary))
        {
            throw new InvalidDataException("The multipart body has no boundary.");
        }

        if (boundary.Length > MaxBoundaryLength)
        {
            throw new InvalidDataException($"The multipart boundary is longer than {MaxBoundaryLength} characters (RFC 2046).");
        }

        var reader = new MultipartReader(boundary, new MemoryStream(Content)) { HeadersLengthLimit = 16 * 1024 };
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || disposition.Name.Value is not { } name)
            {
                throw new InvalidDataException("A multipart section has no Content-Disposition name.");
            }

            name = name.Trim('"');
            using var part = new MemoryStream();
            await section.Body.CopyToAsync(part, cancellationToken);
            if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
            {
                var fileName = (disposition.FileNameStar.Value ?? disposition.FileName.Value ?? name).Trim('"');
                files.Add(new FilePart(name, fileName, section.ContentType ?? "application/octet-stream", part.ToArray()));
            }
            else
            {
                fields[name] = CharsetOf(section.ContentType).GetString(part.ToArray());
            }
        }

        return (fields, files);
    }

    private static Encoding CharsetOf(string? contentType)
    {
        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var type) && type.Charset.HasValue)
        {
            try
            {
                return Encoding.GetEncoding(type.Charset.Value!);
            }
            catch (ArgumentException)
            {
                // An unknown charset is read as UTF-8; the raw payload is kept for a person to check.
            }
        }

        return Encoding.UTF8;
    }
}
