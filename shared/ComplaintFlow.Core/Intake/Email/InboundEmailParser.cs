using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
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
public sealed partial class InboundEmailParser
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
            if (charset is not null && TextEncodings.Find(charset) is null)
            {
                warnings.Add($"Field '{name}' declares the unknown charset '{charset}'; it was read as UTF-8, else GB18030, else Windows-1252.");
            }

            return TextEncodings.Decode(bytes.Span, charset);
        }

        var headers = new HeaderList();
        if (form.Fields.TryGetValue("headers", out var headerBytes))
        {
            using var stream = new MemoryStream(headerBytes.ToArray(), writable: false);
            try
            {
                headers = HeaderList.Load(OptionsFor(headerBytes.Span), stream, cancellationToken);
            }
            catch (FormatException)
            {
                warnings.Add("Field 'headers' could not be read as a mail header block; threading and loop checks use the other fields only.");
            }
        }

        var fromText = Field("from") ?? headers[HeaderId.From];
        var (from, fromName) = SenderOf(fromText is null ? null : FirstMailbox(fromText), fromText);
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

        var subject = Clean(Field("subject") ?? headers[HeaderId.Subject]);
        var attachments = ReadAttachments(form, warnings);
        return new InboundEmail
        {
            Mode = InboundEmailMode.Parsed,
            MessageId = messageId,
            From = from,
            FromName = fromName,
            To = Addresses(Field("to") ?? headers[HeaderId.To]),
            Cc = Addresses(Field("cc") ?? headers[HeaderId.Cc]),
            Subject = subject,
            Body = body,
            ComplaintText = ReplyTextExtractor.Extract(body, subject),
            Attachments = attachments,
            ContentHash = HashOf(from, subject, body, attachments),
            ReplyToMessageIds = ReplyIdsOf(headers),
            LoopSignals = SignalsOf(headers, envelope.NullSender) with
            {
                PartTypes = [.. attachments.Select(a => a.ContentType.ToLowerInvariant()).Distinct()],
                DeliveryAction = attachments
                    .Where(a => a.ContentType.EndsWith("delivery-status", StringComparison.OrdinalIgnoreCase))
                    .Select(a => DeliveryActionOf(a.Content.Span))
                    .FirstOrDefault(action => action is not null),
                DeliveryReport = ReportTextOf(attachments.Where(a => IsReportPart(a.ContentType)).Select(a => a.Content)),
            },
            SpamScore = ReadSpamScore(form, warnings),
            Warnings = warnings,
        };
    }

    private static InboundEmail ParseRaw(MultipartForm form, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var raw = form.Fields["email"];
        var message = LoadMessage(raw, ParserOptions.Default, cancellationToken);

        // 8-bit headers that name no charset (RFC 6532 allows UTF-8; Chinese clients write GBK, old Western ones
        // Windows-1252): MimeKit tries UTF-8 and falls back to ParserOptions.CharsetEncoding, so the fallback is
        // chosen from those headers' bytes and the message read again with it.
        var eightBit = message.Headers.Where(h => h.RawValue.AsSpan().ContainsAnyInRange((byte)0x80, (byte)0xFF)).SelectMany(h => h.RawValue).ToArray();
        if (eightBit.Length > 0 && TextEncodings.Guess(eightBit) is { CodePage: not 65001 } fallback)
        {
            message = LoadMessage(raw, OptionsFor(eightBit, fallback), cancellationToken);
        }

        var fromHeader = message.Headers[HeaderId.From];
        var (from, fromName) = SenderOf(message.From.Mailboxes.FirstOrDefault() ?? message.Sender, fromHeader);
        var envelope = ReadEnvelope(form, warnings);
        var parts = PartsOf(message.Body).ToList();
        var plain = parts.OfType<TextPart>().FirstOrDefault(p => p.IsPlain && !p.IsAttachment);
        var html = parts.OfType<TextPart>().FirstOrDefault(p => p.IsHtml && !p.IsAttachment);
        var body = Lines(plain is not null && TextOf(plain, cancellationToken) is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : html is not null ? HtmlToPlainText.Convert(TextOf(html, cancellationToken)) : string.Empty);

        var attachments = new List<EmailAttachment>();
        foreach (var entity in parts.Where(p => p != plain && p != html && IsAttachment(p)))
        {
            attachments.Add(AttachmentOf(entity, attachments.Count + 1, cancellationToken));
        }

        var subject = Clean(message.Subject);
        var bodyType = message.Body?.Headers[HeaderId.ContentType];
        return new InboundEmail
        {
            Mode = InboundEmailMode.Raw,
            MessageId = MessageIdOf(message.Headers) ?? ContentHash(raw),
            From = from,
            FromName = fromName,
            To = [.. message.To.Mailboxes.Select(m => m.Address.ToLowerInvariant())],
            Cc = [.. message.Cc.Mailboxes.Select(m => m.Address.ToLowerInvariant())],
            Subject = subject,
            Body = body,
            ComplaintText = ReplyTextExtractor.Extract(body, subject),
            Attachments = attachments,
            ContentHash = HashOf(from, subject, body, attachments),
            ReplyToMessageIds = ReplyIdsOf(message.Headers),
            LoopSignals = SignalsOf(message.Headers, envelope.NullSender) with
            {
                ContentType = bodyType is null ? null : Unfold(bodyType),
                PartTypes = [.. parts.Select(p => p.ContentType.MimeType.ToLowerInvariant()).Distinct()],
                DeliveryAction = parts
                    .Where(p => p.ContentType.MimeType.EndsWith("delivery-status", StringComparison.OrdinalIgnoreCase))
                    .Select(p => DeliveryActionOf(MultipartForm.ContentOf(p, cancellationToken)))
                    .FirstOrDefault(action => action is not null),
                DeliveryReport = ReportTextOf(parts.Where(p => IsReportPart(p.ContentType.MimeType)).Select(p => (ReadOnlyMemory<byte>)MultipartForm.ContentOf(p, cancellationToken))),
            },
            SpamScore = ReadSpamScore(form, warnings),
            Warnings = warnings,
        };
    }

    /// <summary>Delivery status fields (RFC 3464) and returned headers (RFC 6522 <c>text/rfc822-headers</c>) of a report.</summary>
    private static bool IsReportPart(string mediaType) =>
        mediaType.EndsWith("delivery-status", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("text/rfc822-headers", StringComparison.OrdinalIgnoreCase);

    /// <summary>The report parts as text, at most <see cref="MaxReportChars"/>: enough for the status fields and returned headers.</summary>
    private static string? ReportTextOf(IEnumerable<ReadOnlyMemory<byte>> parts)
    {
        var text = string.Join("\n", parts.Select(p => Encoding.UTF8.GetString(p.Span[..Math.Min(p.Length, MaxReportChars)])));
        return text.Length == 0 ? null : text[..Math.Min(text.Length, MaxReportChars)];
    }

    private const int MaxReportChars = 16 * 1024;

    /// <summary>The first <c>Action:</c> field of a delivery status part (RFC 3464 §2.3.3), whichever mode posted it.</summary>
    private static string? DeliveryActionOf(ReadOnlySpan<byte> status)
    {
        var match = DeliveryActionField().Match(Encoding.UTF8.GetString(status));
        return match.Success ? match.Groups["action"].Value.ToLowerInvariant() : null;
    }

    [GeneratedRegex(@"^Action:\s*(?<action>[A-Za-z]+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex DeliveryActionField();

    private static MimeMessage LoadMessage(ReadOnlyMemory<byte> raw, ParserOptions options, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(raw.ToArray(), writable: false);
        try
        {
            return MimeMessage.Load(options, stream, cancellationToken);
        }
        catch (FormatException e)
        {
            throw new InboundPayloadException("email", $"The 'email' field is not a MIME message: {e.Message}");
        }
    }

    private static ParserOptions OptionsFor(ReadOnlySpan<byte> headerBytes) => OptionsFor(headerBytes, TextEncodings.Guess(headerBytes));

    private static ParserOptions OptionsFor(ReadOnlySpan<byte> headerBytes, System.Text.Encoding fallback)
    {
        var options = ParserOptions.Default.Clone();
        if (headerBytes.ContainsAnyInRange((byte)0x80, (byte)0xFF))
        {
            options.CharsetEncoding = fallback;
        }

        return options;
    }

    /// <summary>
    /// Every leaf of the message, in order: multiparts are walked, an attached message is one part (kept whole as
    /// .eml, not searched for a body).
    /// </summary>
    private static IEnumerable<MimeEntity> PartsOf(MimeEntity? entity)
    {
        switch (entity)
        {
            case null:
                yield break;
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    foreach (var part in PartsOf(child))
                    {
                        yield return part;
                    }
                }

                break;
            default:
                yield return entity;
                break;
        }
    }

    /// <summary>
    /// A part the customer sent rather than the text of the mail: anything marked attachment, any named part
    /// (with or without Content-Disposition, inline or not), attached mail, and images (a screenshot pasted into
    /// the message is an inline image without a name). Unnamed text parts are alternative bodies, and the report
    /// parts of machine mail (delivery status, disposition notification, feedback report) are its structure.
    /// </summary>
    private static bool IsAttachment(MimeEntity part) => part switch
    {
        MessagePart => true,
        MessageDeliveryStatus or MessageDispositionNotification or MessageFeedbackReport => false,
        _ when part.IsAttachment => true,
        _ when !string.IsNullOrWhiteSpace(part.ContentDisposition?.FileName ?? part.ContentType.Name) => true,
        _ => part.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase)
            || !(part is TextPart || part.ContentType.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase)),
    };

    private static EmailAttachment AttachmentOf(MimeEntity entity, int index, CancellationToken cancellationToken)
    {
        var named = entity.ContentDisposition?.FileName ?? entity.ContentType.Name;
        if (entity is MessagePart { Message: var attached })
        {
            var subject = Clean(attached?.Subject);
            var name = string.IsNullOrWhiteSpace(named) ? $"{(string.IsNullOrWhiteSpace(subject) ? $"message{index}" : subject)}.eml" : named;
            if (!name.EndsWith(".eml", StringComparison.OrdinalIgnoreCase))
            {
                name += ".eml";
            }

            return new EmailAttachment(name, entity.ContentType.MimeType.ToLowerInvariant(), MultipartForm.ContentOf(entity, cancellationToken)) { Subject = subject };
        }

        var fileName = string.IsNullOrWhiteSpace(named) ? $"attachment{index}{ExtensionOf(entity.ContentType)}" : named;
        return new EmailAttachment(fileName, entity.ContentType.MimeType.ToLowerInvariant(), MultipartForm.ContentOf(entity, cancellationToken));
    }

    private static string ExtensionOf(ContentType type) =>
        MimeTypes.TryGetExtension(type.MimeType, out var extension) ? extension : ".bin";

    private static string TextOf(TextPart part, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        part.Content?.DecodeTo(output, cancellationToken);
        return TextEncodings.Decode(output.GetBuffer().AsSpan(0, (int)output.Length), part.ContentType.Charset);
    }

    /// <summary>
    /// The sender's address (lower case) and name. A null sender (<c>Mail Delivery System &lt;&gt;</c>), a missing
    /// From or one without an address gives an empty address: what that mail is, the classifier decides. The name
    /// is then what stands before any angle brackets, so "Mail Delivery System" still reads as a mailer.
    /// </summary>
    private static (string Address, string? Name) SenderOf(MailboxAddress? mailbox, string? headerText)
    {
        if (mailbox is not null && mailbox.Address is { } address && address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < address.Length - 1)
        {
            return (address.ToLowerInvariant(), NameOf(mailbox));
        }

        var name = mailbox is not null ? NameOf(mailbox) : null;
        if (name is null && !string.IsNullOrWhiteSpace(headerText))
        {
            var bracket = headerText.IndexOf('<', StringComparison.Ordinal);
            var text = (bracket >= 0 ? headerText[..bracket] : headerText).Trim().Trim('"').Trim();
            name = text.Length == 0 || text.Contains('@', StringComparison.Ordinal) ? null : Clean(text);
        }

        return (string.Empty, name);
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

    private static string? NameOf(MailboxAddress mailbox) => string.IsNullOrWhiteSpace(mailbox.Name) ? null : Clean(mailbox.Name);

    /// <summary>Trimmed, with C1 controls (Windows-1252 read as Latin-1 upstream) turned back into characters.</summary>
    private static string? Clean(string? text) => text is null ? null : TextEncodings.ReplaceC1Controls(text.Trim());

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
            AppleAction = headers["X-Apple-Action"]?.Trim(),
            Precedence = headers["Precedence"]?.Trim(),
            ContentType = headers[HeaderId.ContentType] is { } type ? Unfold(type) : null,
            NullEnvelopeSender = nullEnvelopeSender || headers[HeaderId.ReturnPath]?.Trim() == "<>",
        };
    }

    /// <summary>One line ending (\n) whichever mode the mail came in, so both modes record the same text.</summary>
    private static string Lines(string text) => TextEncodings.ReplaceC1Controls(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim());

    private static string HashOf(string from, string? subject, string body, List<EmailAttachment> attachments)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var text in new[] { from, subject ?? string.Empty, body })
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }

        foreach (var attachment in attachments)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(attachment.FileName));
            hash.AppendData([0]);
            hash.AppendData(attachment.Content.Span);
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

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
