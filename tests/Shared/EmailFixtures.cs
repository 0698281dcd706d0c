using System.Text;
using System.Text.Json;
using MimeKit;

namespace ComplaintFlow.Testing.Payloads;

// Compiled into Core.Tests and Integration.Tests (linked), so both read the .eml fixtures the same way.
/// <summary>
/// The .eml fixtures under <c>Intake/Fixtures/Email</c>, and the two SendGrid Inbound Parse posts each can arrive
/// as: raw mode (the whole message in <c>email</c>) and parsed mode (headers, from, subject, text, html and every
/// part that is not the text as <c>attachmentN</c>, with <c>attachment-info</c>), as SendGrid documents them.
/// </summary>
internal static class EmailFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Intake", "Fixtures", "Email");

    /// <summary>Every .eml file under <paramref name="subfolder"/>, as paths relative to <see cref="Folder"/>.</summary>
    public static IEnumerable<string> Files(string subfolder) =>
        Directory.EnumerateFiles(Path.Combine(Folder, subfolder), "*.eml", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Folder, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static byte[] Read(string relativePath) => File.ReadAllBytes(Path.Combine(Folder, relativePath));

    public static SendGridPost Raw(byte[] eml) =>
        new SendGridPost()
            .Field("email", eml)
            .Field("envelope", Envelope(MimeMessage.Load(new MemoryStream(eml))));

    public static SendGridPost Parsed(byte[] eml)
    {
        var message = MimeMessage.Load(new MemoryStream(eml));
        var headerEnd = IndexOf(eml, "\r\n\r\n"u8);
        var post = new SendGridPost()
            .Field("headers", eml.AsSpan(0, headerEnd < 0 ? eml.Length : headerEnd + 2).ToArray())
            .Field("envelope", Envelope(message))
            .Field("charsets", """{"to":"UTF-8","from":"UTF-8","subject":"UTF-8","text":"UTF-8","html":"UTF-8"}""");
        if (message.Headers[HeaderId.From] is { } from)
        {
            post.Field("from", from.Trim());
        }

        post.Field("to", message.Headers[HeaderId.To] ?? string.Empty).Field("subject", message.Subject ?? string.Empty);
        if (message.TextBody is { } text)
        {
            post.Field("text", text);
        }

        if (message.HtmlBody is { } html)
        {
            post.Field("html", html);
        }

        var info = new Dictionary<string, object>();
        var index = 0;
        foreach (var part in message.BodyParts.Where(p => p is not TextPart { IsAttachment: false } || p.ContentType.MediaSubtype is not ("plain" or "html")))
        {
            index++;
            var name = part.ContentDisposition?.FileName ?? part.ContentType.Name ?? $"part{index}";
            using var content = new MemoryStream();
            if (part is MimePart { Content: not null } mime)
            {
                mime.Content.DecodeTo(content);
            }
            else
            {
                part.WriteTo(content, contentOnly: true);
            }

            info[$"attachment{index}"] = new { filename = name, name, type = part.ContentType.MimeType };
            post.File($"attachment{index}", name, part.ContentType.MimeType, content.ToArray());
        }

        return post.Field("attachments", index.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Field("attachment-info", JsonSerializer.Serialize(info));
    }

    /// <summary>The envelope sender SendGrid reports: the Return-Path when there is one (empty for <c>&lt;&gt;</c>), else From.</summary>
    private static string Envelope(MimeMessage message)
    {
        var returnPath = message.Headers[HeaderId.ReturnPath]?.Trim();
        var sender = returnPath is not null ? returnPath.Trim('<', '>', ' ') : message.From.Mailboxes.FirstOrDefault()?.Address ?? string.Empty;
        return JsonSerializer.Serialize(new { to = new[] { "complaints@complaintflow.local" }, from = sender });
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> value) => bytes.AsSpan().IndexOf(value);
}
