using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using MimeKit;
using MimeKit.Utils;

namespace ComplaintFlow.Core.Intake.Email;

/// <summary>
/// Reads a SendGrid Inbound Parse post in either mode: parsed (fields <c>from</c>, <c>to</c>, <c>cc</c>,
/// <c>subject</c>, <c>text</c>, <c>html</c>, <c>headers</c>, <c>envelope</c>, <c>charsets</c>,
/// <c>attachment-info</c>, <c>attachment1..N</c>, <c>spam_score</c>) or raw (the whole MIME message in <c>email</c>).
/// Both give the same <see cref="InboundEmail"/>. Nothing here decides what to do with the mail.
/// </summary>
public sealed class InboundEmailParser
{

    /// <summary>Reads the request body as posted, given its Content-Type header.</summary>
    /// <exception cref="InboundPayloadException">The body or a required field cannot be read.</exception>
    public InboundEmail Parse(ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken = default) =>
        Parse(MultipartForm.Read(body, contentType, cancellationToken), cancellationToken);

    /// <exception cref="InboundPayloadException">A required field is missing or cannot be read.</exception>
    public InboundEmail Parse(MultipartForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Has("email") ? ParseRaw(form, cancellationToken) : ParseFields(form, cancellationToken);
    }

    private static InboundEmail ParseFields(MultipartForm form, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var charsets = ReadCharsets(form, warnings);
        string? Field(string name)
        {
            if (!form.Fields.TryGetValue(name, out var bytes))
            {
                return null;
            }

            var charset = charsets.GetValueOrDefault(name);
            var encoding = TextEncodings.Find(charset);
            if (encoding is null)
            {
                if (charset is not null)
                {
                    warnings.Add($"Field '{name}' declares the unknown charset '{charset}'; it was read as UTF-8.");
                }

                encoding = Encoding.UTF8;
            }

            return encoding.GetString(bytes.Span);
        }

        var headers = new HeaderList();
        if (form.Fields.TryGetValue("headers", out var headerBytes))
        {
            using var stream = new MemoryStream(headerBytes.ToArray(), writable: false);
            try
            {
                headers = HeaderList.Load(stream, cancellationToken);
            }
            catch (FormatException)
            {
                warnings.Add("Field 'headers' could not be read as a mail header block; threading and loop checks use the other fields only.");
            }
        }

        var fromText = Field("from") ?? headers[HeaderId.From];
        if (string.IsNullOrWhiteSpace(fromText))
        {
            throw new InboundPayloadException("from", "The 'from' field is missing: SendGrid always posts the sender.");
        }

        var from = FirstMailbox(fromText) ?? throw new InboundPayloadException("from", "The 'from' field holds no email address.");
        var text = Field("text");
        var html = Field("html");
        var body = Lines(!string.IsNullOrWhiteSpace(text) ? text : html is null ? string.Empty : HtmlToPlainText.Convert(html));
        var envelope = ReadEnvelope(form, warnings);

        var messageId = MessageIdOf(headers) ?? ContentHash(
            form.Fields.GetValueOrDefault("headers"),
            form.Fields.GetValueOrDefault("from"),
            form.Fields.GetValueOrDefault("subject"),
            form.Fields.GetValueOrDefault("text"),
            form.Fields.GetValueOrDefault("html"));

        return new InboundEmail
        {
            Mode = InboundEmailMode.Parsed,
            MessageId = messageId,
            From = from.Address.ToLowerInvariant(),
            FromName = NameOf(from),
            To = Addresses(Field("to") ?? headers[HeaderId.To]),
            Cc = Addresses(Field("cc") ?? headers[HeaderId.Cc]),
            Subject = Field("subject")?.Trim() ?? headers[HeaderId.Subject]?.Trim(),
            Body = body,
            ComplaintText = ReplyTextExtractor.Extract(body),
            Attachments = ReadAttachments(form, warnings),
            ReplyToMessageIds = ReplyIdsOf(headers),
            LoopSignals = SignalsOf(headers, envelope.NullSender),
            SpamScore = ReadSpamScore(form, warnings),
            Warnings = warnings,
        };
    }

    private static InboundEmail ParseRaw(MultipartForm form, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var raw = form.Fields["email"];
        MimeMessage message;
        using (var stream = new MemoryStream(raw.ToArray(), writable: false))
        {
            try
            {
                message = MimeMessage.Load(stream, cancellationToken);
            }
            catch (FormatException e)
            {
                throw new InboundPayloadException("email", $"The 'email' field is not a MIME message: {e.Message}");
            }
        }

        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender
            ?? throw new InboundPayloadException("email", "The message in the 'email' field has no From address.");
        var envelope = ReadEnvelope(form, warnings);
        var body = Lines(message.TextBody is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : message.HtmlBody is { } html ? HtmlToPlainText.Convert(html) : string.Empty);

        var attachments = new List<EmailAttachment>();
        foreach (var entity in message.Attachments)
        {
            var fileName = entity.ContentDisposition?.FileName ?? entity.ContentType.Name ?? $"attachment{attachments.Count + 1}";
            attachments.Add(new EmailAttachment(fileName, entity.ContentType.MimeType, MultipartForm.ContentOf(entity, cancellationToken)));
        }

        return new InboundEmail
        {
            Mode = InboundEmailMode.Raw,
            MessageId = MessageIdOf(message.Headers) ?? ContentHash(raw),
            From = from.Address.ToLowerInvariant(),
            FromName = NameOf(from),
            To = [.. message.To.Mailboxes.Select(m => m.Address.ToLowerInvariant())],
            Cc = [.. message.Cc.Mailboxes.Select(m => m.Address.ToLowerInvariant())],
            Subject = message.Subject?.Trim(),
            Body = body,
            ComplaintText = ReplyTextExtractor.Extract(body),
            Attachments = attachments,
            ReplyToMessageIds = ReplyIdsOf(message.Headers),
            LoopSignals = SignalsOf(message.Headers, envelope.NullSender),
            SpamScore = ReadSpamScore(form, warnings),
            Warnings = warnings,
        };
    }

    private static Dictionary<string, string> ReadCharsets(MultipartForm form, List<string> warnings)
    {
        var charsets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (form.Text("charsets") is not { Length: > 0 } json)
        {
            return charsets;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } charset)
                    {
                        charsets[property.Name] = charset;
                    }
                }
            }
        }
        catch (JsonException)
        {
            warnings.Add("Field 'charsets' is not JSON; every field was read as UTF-8.");
        }

        return charsets;
    }

    private static (bool NullSender, string? Sender) ReadEnvelope(MultipartForm form, List<string> warnings)
    {
        if (form.Text("envelope") is not { Length: > 0 } json)
        {
            return (false, null);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("from", out var sender))
            {
                var address = sender.ValueKind == JsonValueKind.String ? sender.GetString() : null;
                return (string.IsNullOrWhiteSpace(address) || address.Trim() == "<>", address);
            }
        }
        catch (JsonException)
        {
            warnings.Add("Field 'envelope' is not JSON; the envelope sender is unknown.");
        }

        return (false, null);
    }

    private static List<EmailAttachment> ReadAttachments(MultipartForm form, List<string> warnings)
    {
        var info = new Dictionary<string, (string? FileName, string? Type)>(StringComparer.OrdinalIgnoreCase);
        if (form.Text("attachment-info") is { Length: > 0 } json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                foreach (var entry in document.RootElement.EnumerateObject())
                {
                    info[entry.Name] = (StringOf(entry.Value, "filename") ?? StringOf(entry.Value, "name"), StringOf(entry.Value, "type"));
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                warnings.Add("Field 'attachment-info' is not a JSON object; attachment names come from the file parts.");
            }
        }

        var attachments = new List<EmailAttachment>();
        foreach (var file in form.Files.Where(f => f.Name.StartsWith("attachment", StringComparison.OrdinalIgnoreCase)))
        {
            var (fileName, type) = info.GetValueOrDefault(file.Name);
            attachments.Add(new EmailAttachment(fileName ?? file.FileName, type ?? file.ContentType, file.Content));
        }

        if (int.TryParse(form.Text("attachments"), NumberStyles.None, CultureInfo.InvariantCulture, out var declared) && declared != attachments.Count)
        {
            warnings.Add($"Field 'attachments' declares {declared} attachments but {attachments.Count} were posted.");
        }

        return attachments;
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static double? ReadSpamScore(MultipartForm form, List<string> warnings)
    {
        if (form.Text("spam_score") is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
        {
            return score;
        }

        warnings.Add("Field 'spam_score' is not a number; the mail is treated as unscored.");
        return null;
    }

    private static MailboxAddress? FirstMailbox(string text) =>
        InternetAddressList.TryParse(text, out var list) ? list.Mailboxes.FirstOrDefault() : null;

    private static string? NameOf(MailboxAddress mailbox) => string.IsNullOrWhiteSpace(mailbox.Name) ? null : mailbox.Name.Trim();

    private static List<string> Addresses(string? text) =>
        text is not null && InternetAddressList.TryParse(text, out var list)
            ? [.. list.Mailboxes.Select(m => m.Address.ToLowerInvariant())]
            : [];

    private static string? MessageIdOf(HeaderList headers)
    {
        var value = headers[HeaderId.MessageId];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // "<>" or "< >" names no message: the content hash stands in, as for a missing header.
        var id = MimeUtils.ParseMessageId(value);
        var found = string.IsNullOrWhiteSpace(id) ? value.Trim().Trim('<', '>').Trim() : id;
        return found.Length == 0 ? null : found;
    }

    private static List<string> ReplyIdsOf(HeaderList headers)
    {
        var ids = new List<string>();
        foreach (var header in new[] { HeaderId.InReplyTo, HeaderId.References })
        {
            if (headers[header] is { Length: > 0 } value)
            {
                foreach (var id in MimeUtils.EnumerateReferences(value))
                {
                    if (!ids.Contains(id, StringComparer.Ordinal))
                    {
                        ids.Add(id);
                    }
                }
            }
        }

        return ids;
    }

    private static EmailLoopSignals SignalsOf(HeaderList headers, bool nullEnvelopeSender)
    {
        var autoSubmitted = headers["Auto-Submitted"]?.Trim();
        return new EmailLoopSignals
        {
            AutoSubmitted = string.IsNullOrEmpty(autoSubmitted) || autoSubmitted.Equals("no", StringComparison.OrdinalIgnoreCase) ? null : autoSubmitted,
            AutoReplyHeader = headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || headers.Contains("X-Auto-Response"),
            Precedence = headers["Precedence"]?.Trim(),
            ContentType = headers[HeaderId.ContentType] is { } type ? Unfold(type) : null,
            NullEnvelopeSender = nullEnvelopeSender || headers[HeaderId.ReturnPath]?.Trim() == "<>",
        };
    }

    /// <summary>One line ending (\n) whichever mode the mail came in, so both modes record the same text.</summary>
    private static string Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    private static string Unfold(string value) => string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));

    /// <summary>Stands in for a missing Message-Id, so a redelivery of the same mail still maps to the same complaint.</summary>
    private static string ContentHash(params ReadOnlyMemory<byte>[] parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(part.Span);
            hash.AppendData([0]);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
