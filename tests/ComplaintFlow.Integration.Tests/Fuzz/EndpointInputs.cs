using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComplaintFlow.Integration.Tests.Fuzz;

/// <summary>
/// Malformed requests for each public intake endpoint, each starting from a valid request of that endpoint's contract
/// and breaking it one way or several: fields replaced by hostile values or wrong JSON types, bytes mutated, bodies
/// cut, boundaries and content types wrong, headers huge, or plain noise.
/// </summary>
public static class EndpointInputs
{
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";

    private static readonly string[] Texts =
    [
        "My broadband has been down for three days and nobody calls back.",
        "宽带又断了，已经三天了，客服一直不回电话。",
        "寬頻又斷了，已經三天了。",
        "I was charged twice for March; I want a refund of £45.",
    ];

    /// <summary><c>POST /api/complaints</c>: JSON, urlencoded or multipart form.</summary>
    public static FuzzRequest Complaint(MalformedInput input)
    {
        var fields = new Dictionary<string, JsonNode?>
        {
            ["name"] = "Li Wei",
            ["email"] = $"li{input.Digits(8)}@example.cn",
            ["subject"] = "Broadband outage",
            ["text"] = input.Pick(Texts),
        };
        if (input.Chance(0.5))
        {
            fields["phone"] = "+86138" + input.Digits(8);
        }

        if (input.Chance(0.5))
        {
            fields["language"] = input.Pick(new[] { "en", "zh-Hans", "zh-Hant", "fr", "zh_chs" });
        }

        var encoding = input.Next(5) switch { < 3 => Json, 3 => Form, _ => "multipart" };
        var request = input.Next(10) switch
        {
            < 3 => Encode("fields", ReplaceFields(input, fields), encoding, input),
            3 or 4 => Mutated(Encode("valid", fields, encoding, input), input),
            5 => Encode("valid", fields, encoding, input) with { Kind = "content-type", ContentType = input.OddContentType(Boundary) },
            6 => new FuzzRequest("noise", input.RandomBytes(4_000), input.Chance(0.5) ? Json : input.OddContentType(Boundary)),
            7 => new FuzzRequest("deep-json", input.DeepJson(), Json),
            8 => new FuzzRequest("json-syntax", JsonSyntaxTrap(input), Json),
            _ => encoding == "multipart" || input.Chance(0.5)
                ? new FuzzRequest("broken-multipart", input.Multipart(Boundary, Parts(fields), breakIt: true), MultipartType)
                : new FuzzRequest("broken-form", BrokenForm(input, fields), Form),
        };
        return input.Chance(0.1) && input.HugeHeader() is var (name, value) ? request.WithHeader(name, value) : request;
    }

    /// <summary><c>POST /api/inbound/email</c>: SendGrid Inbound Parse, parsed fields or the raw MIME in <c>email</c>.</summary>
    public static FuzzRequest Email(MalformedInput input)
    {
        var messageId = $"<fuzz.{input.Digits(12)}@mail.example.cn>";
        var from = $"\"Li Wei\" <li{input.Digits(8)}@example.cn>";
        var text = input.Pick(Texts);
        var fields = new List<(string Name, string? FileName, string? ContentType, byte[] Content)>();
        void Add(string name, string value) => fields.Add((name, null, null, Encoding.UTF8.GetBytes(value)));
        if (input.Chance(0.35))
        {
            Add("email", Mime(input, messageId, from, text));
        }
        else
        {
            Add("headers", $"Message-ID: {messageId}\r\nFrom: {from}\r\nSubject: Broadband\r\nMIME-Version: 1.0\r\n");
            Add("from", from);
            Add("to", "complaints@complaints.test");
            Add("subject", "Broadband outage");
            Add("text", text);
            if (input.Chance(0.3))
            {
                Add("html", $"<p>{text}</p>");
            }

            Add("charsets", "{\"to\":\"UTF-8\",\"html\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"UTF-8\"}");
            Add("envelope", "{\"to\":[\"complaints@complaints.test\"],\"from\":\"li@example.cn\"}");
            Add("spam_score", "0.1");
            if (input.Chance(0.3))
            {
                fields.Add(("attachment1", "bill.pdf", "application/pdf", input.RandomBytes(2_000)));
                Add("attachments", "1");
                Add("attachment-info", "{\"attachment1\":{\"filename\":\"bill.pdf\",\"type\":\"application/pdf\"}}");
            }
        }

        return input.Next(10) switch
        {
            < 4 => new FuzzRequest("fields", input.Multipart(Boundary, BreakEmailFields(input, fields), breakIt: false), MultipartType),
            4 or 5 => Mutated(new FuzzRequest("valid", input.Multipart(Boundary, fields, breakIt: false), MultipartType), input),
            6 => new FuzzRequest("broken-multipart", input.Multipart(Boundary, fields, breakIt: true), MultipartType),
            7 => new FuzzRequest("content-type", input.Multipart(Boundary, fields, breakIt: false), input.OddContentType(Boundary)),
            8 => new FuzzRequest("noise", input.RandomBytes(4_000), input.Chance(0.7) ? MultipartType : input.OddContentType(Boundary)),
            _ => new FuzzRequest("mime-mutation", input.Multipart(Boundary, [("email", null, null, input.Mutate(Encoding.UTF8.GetBytes(Mime(input, messageId, from, text))))], breakIt: false), MultipartType),
        };
    }

    /// <summary><c>POST /api/inbound/sms/twilio</c>: the webhook form, before signing (see the test).</summary>
    public static FuzzRequest Twilio(MalformedInput input, string twilioNumber)
    {
        var sid = "SM" + input.Digits(32);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("ToCountry", "US"), new("SmsMessageSid", sid), new("NumMedia", "0"), new("SmsSid", sid), new("SmsStatus", "received"),
            new("Body", input.Chance(0.1) ? input.Pick(new[] { "STOP", "HELP", "START", "退订", "stop please" }) : input.Pick(Texts)),
            new("To", twilioNumber), new("NumSegments", "1"), new("MessageSid", sid), new("From", "+86138" + input.Digits(8)),
            new("ApiVersion", "2010-04-01"),
        };
        return input.Next(10) switch
        {
            < 5 => new FuzzRequest("fields", Encoding.UTF8.GetBytes(UrlEncoded(BreakTwilioFields(input, fields))), Form),
            5 or 6 => Mutated(new FuzzRequest("valid", Encoding.UTF8.GetBytes(UrlEncoded(fields)), Form), input),
            7 => new FuzzRequest("content-type", Encoding.UTF8.GetBytes(UrlEncoded(fields)), input.OddContentType(Boundary)),
            8 => new FuzzRequest("noise", input.RandomBytes(4_000), Form),
            _ => new FuzzRequest("broken-form", BrokenForm(input, fields.ToDictionary(f => f.Key, f => (JsonNode?)f.Value)), Form),
        };
    }

    /// <summary><c>POST /api/inbound/sms/acs</c>: an Event Grid delivery (SMSReceived, or the validation handshake).</summary>
    public static FuzzRequest Acs(MalformedInput input)
    {
        JsonNode Event() => input.Chance(0.1)
            ? new JsonObject
            {
                ["id"] = "val-" + input.Digits(16),
                ["eventType"] = "Microsoft.EventGrid.SubscriptionValidationEvent",
                ["data"] = new JsonObject { ["validationCode"] = input.Digits(8), ["validationUrl"] = "https://rp-eastus2.eventgrid.azure.net/x" },
            }
            : new JsonObject
            {
                ["id"] = "ev-" + input.Digits(16),
                ["topic"] = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs",
                ["subject"] = "/phonenumber/15555555555",
                ["eventType"] = "Microsoft.Communication.SMSReceived",
                ["eventTime"] = "2026-03-02T01:15:06Z",
                ["dataVersion"] = "1.0",
                ["data"] = new JsonObject
                {
                    ["messageId"] = "Incoming_" + input.Digits(20),
                    ["from"] = "+86138" + input.Digits(8),
                    ["to"] = "+14155550100",
                    ["message"] = input.Pick(Texts),
                    ["receivedTimestamp"] = "2026-03-02T01:15:05Z",
                },
            };
        var events = new JsonArray([.. Enumerable.Range(0, input.Chance(0.9) ? 1 : input.Next(40)).Select(_ => Event())]);
        return input.Next(10) switch
        {
            < 5 => new FuzzRequest("fields", Serialize(BreakAcsEvents(input, events)), Json),
            5 or 6 => Mutated(new FuzzRequest("valid", Serialize(events), Json), input),
            7 => new FuzzRequest("deep-json", input.DeepJson(), Json),
            8 => new FuzzRequest("json-syntax", JsonSyntaxTrap(input), Json),
            _ => new FuzzRequest("noise", input.RandomBytes(4_000), input.OddContentType(Boundary)),
        };
    }

    private const string Boundary = "xYzZY";
    private const string MultipartType = "multipart/form-data; boundary=" + Boundary;

    private static FuzzRequest Mutated(FuzzRequest valid, MalformedInput input) =>
        valid with { Kind = "mutated-" + valid.Kind, Body = input.Mutate(valid.Body) };

    private static Dictionary<string, JsonNode?> ReplaceFields(MalformedInput input, Dictionary<string, JsonNode?> fields)
    {
        var broken = new Dictionary<string, JsonNode?>(fields);
        var names = new[] { "name", "email", "phone", "subject", "text", "language", "idempotencyKey", "channel", "Text", "unknown" };
        for (var i = input.Next(1, 4); i > 0; i--)
        {
            var name = input.Pick(names);
            if (input.Chance(0.2))
            {
                broken.Remove(name);
            }
            else
            {
                broken[name] = input.Chance(0.6) ? JsonValue.Create(input.HostileText()) : input.AnyJson();
            }
        }

        return broken;
    }

    private static List<(string Name, string? FileName, string? ContentType, byte[] Content)> BreakEmailFields(
        MalformedInput input, List<(string Name, string? FileName, string? ContentType, byte[] Content)> fields)
    {
        var broken = new List<(string Name, string? FileName, string? ContentType, byte[] Content)>(fields);
        // The sender is named three times: a broken sender is refused cheaply, which keeps the share of stored posts down.
        var names = new[] { "from", "from", "from", "to", "cc", "subject", "text", "html", "headers", "envelope", "charsets", "spam_score", "attachments", "attachment-info", "email", "attachment1" };
        for (var i = input.Next(1, 4); i > 0; i--)
        {
            var name = input.Pick(names);
            broken.RemoveAll(f => f.Name == name && input.Chance(0.7));
            var value = input.Next(8) switch
            {
                0 => Encoding.UTF8.GetBytes($"{{\"{input.Pick(names)}\":\"{input.Charset()}\",\"text\":{input.AnyJson()?.ToJsonString() ?? "null"}}}"),
                1 => input.DeepJson(),
                2 => [.. Encoding.UTF8.GetBytes("li"), 0xC0, 0xAF, 0xFF, .. Encoding.UTF8.GetBytes("@example.cn")],
                3 => Encoding.UTF8.GetBytes(input.Pick(MalformedInput.Injections) + " <evil@example.cn>"),
                4 => Encoding.UTF8.GetBytes($"Message-ID: {input.HostileText()}\r\nIn-Reply-To: {input.HostileText()}\r\nReferences: <CF-{input.Digits(6)}@x>\r\nAuto-Submitted: {input.HostileText()}\r\n"),
                _ => Encoding.UTF8.GetBytes(input.HostileText()),
            };
            var fileName = name.StartsWith("attachment1", StringComparison.Ordinal) ? input.Pick(new[] { "../../x.exe", "", "a\"b.pdf", new string('n', 300), "<script>.pdf" }) : null;
            var contentType = input.Chance(0.3) ? $"text/plain; charset={input.Charset()}" : null;
            broken.Add((name, fileName, contentType, value));
        }

        return broken;
    }

    private static List<KeyValuePair<string, string>> BreakTwilioFields(MalformedInput input, List<KeyValuePair<string, string>> fields)
    {
        var broken = new List<KeyValuePair<string, string>>(fields);
        var names = new[] { "MessageSid", "SmsMessageSid", "SmsSid", "From", "To", "Body", "NumMedia", "NumSegments", "MediaUrl0", "MediaContentType0", "AccountSid" };
        for (var i = input.Next(1, 4); i > 0; i--)
        {
            var name = input.Pick(names);
            broken.RemoveAll(f => f.Key == name && input.Chance(0.7));
            var value = name switch
            {
                "NumMedia" or "NumSegments" => input.Pick(new[] { "-1", "abc", "99999999999", "10", "3", "1e3", " 2 ", "0x10" }),
                "From" or "To" => input.Pick(new[] { "12345", "VERIFY", "+1", "", "+861380013800199999", "whatsapp:+8613800138000", "+8613800138000" }) is var number && input.Chance(0.7) ? number : input.HostileText(),
                _ => input.HostileText(),
            };
            broken.Add(new(name, value));
        }

        return broken;
    }

    private static JsonNode BreakAcsEvents(MalformedInput input, JsonArray events)
    {
        if (input.Chance(0.1))
        {
            return input.AnyJson() ?? JsonValue.Create(0);
        }

        foreach (var item in events.OfType<JsonObject>())
        {
            for (var i = input.Next(1, 4); i > 0; i--)
            {
                var target = input.Chance(0.6) && item["data"] is JsonObject data ? data : item;
                var names = target == item
                    ? new[] { "id", "eventType", "eventTime", "data", "type", "time", "ID", "EventType" }
                    : new[] { "messageId", "from", "to", "message", "receivedTimestamp", "validationCode", "From", "Message" };
                var name = input.Pick(names);
                if (input.Chance(0.2))
                {
                    target.Remove(name);
                }
                else
                {
                    target[name] = name.Contains("ime", StringComparison.OrdinalIgnoreCase) && input.Chance(0.5)
                        ? input.Pick(new[] { "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "2026-02-30T00:00:00Z", "yesterday", "" })
                        : input.Chance(0.5) ? JsonValue.Create(input.HostileText()) : input.AnyJson();
                }
            }
        }

        if (input.Chance(0.1))
        {
            events.Add(input.AnyJson());
        }

        return events;
    }

    /// <summary>The contract's fields in a form body with invalid percent-escapes, bare separators and invalid UTF-8.</summary>
    private static byte[] BrokenForm(MalformedInput input, Dictionary<string, JsonNode?> fields)
    {
        var body = new List<byte>();
        foreach (var (name, value) in fields)
        {
            body.AddRange(Encoding.UTF8.GetBytes(name + "=" + Uri.EscapeDataString(value?.ToString() ?? string.Empty)));
            body.AddRange(input.Next(6) switch
            {
                0 => "%ZZ"u8.ToArray(),
                1 => "%E4%B8"u8.ToArray(),
                2 => [0xFF, 0xC0, 0xAF],
                3 => "&&&==&="u8.ToArray(),
                4 => Encoding.UTF8.GetBytes("&" + name + "=" + Uri.EscapeDataString(input.Pick(MalformedInput.Injections))),
                _ => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, input.Next(1, 2_000)).Select(i => $"&k{i}=v"))),
            });
            body.Add((byte)'&');
        }

        return [.. body];
    }

    /// <summary>JSON that is almost right: trailing commas, comments, single quotes, escaped lone surrogates, wrong root.</summary>
    private static byte[] JsonSyntaxTrap(MalformedInput input) => Encoding.UTF8.GetBytes(input.Next(10) switch
    {
        0 => "{\"email\":\"a@example.cn\",\"text\":\"x\",}",
        1 => "{\"email\":\"a@example.cn\" /* c */,\"text\":\"x\"}",
        2 => "{'email':'a@example.cn','text':'x'}",
        3 => "{\"email\":\"a@example.cn\",\"text\":\"\\ud800 lone surrogate\"}",
        4 => "{\"email\":\"a@example.cn\",\"text\":\"x\",\"text\":\"y\"}",
        5 => "[{\"email\":\"a@example.cn\",\"text\":\"x\"}]",
        6 => "\"just a string\"",
        7 => "{\"email\":\"a@example.cn\",\"text\":\"\\u0000\\u001f\"}",
        8 => "{\"id\":\"1\",\"eventType\":\"Microsoft.Communication.SMSReceived\",\"data\":{\"messageId\":\"m\",\"from\":\"+8613800138000\",\"to\":\"+1\",\"message\":\"\\udfff\"}}",
        _ => "null",
    });

    private static FuzzRequest Encode(string kind, Dictionary<string, JsonNode?> fields, string encoding, MalformedInput input) => encoding switch
    {
        Json => new FuzzRequest(kind + "-json", Serialize(new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone())))), Json),
        Form => new FuzzRequest(kind + "-form", Encoding.UTF8.GetBytes(UrlEncoded(fields.Select(f => KeyValuePair.Create(f.Key, FormValue(f.Value))))), Form),
        _ => new FuzzRequest(kind + "-multipart", input.Multipart(Boundary, Parts(fields), breakIt: false), MultipartType),
    };

    private static IEnumerable<(string Name, string? FileName, string? ContentType, byte[] Content)> Parts(Dictionary<string, JsonNode?> fields) =>
        fields.Select(f => (f.Key, (string?)null, (string?)null, Encoding.UTF8.GetBytes(FormValue(f.Value))));

    private static string FormValue(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? string.Empty;

    private static string UrlEncoded(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => PercentEncode(f.Key) + "=" + PercentEncode(f.Value)));

    /// <summary>Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as a browser would send it).</summary>
    private static string PercentEncode(string value) =>
        string.Concat(Encoding.UTF8.GetBytes(value).Select(b => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' ? ((char)b).ToString() : $"%{b:X2}"));

    private static byte[] Serialize(JsonNode node)
    {
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(node);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // A lone surrogate cannot be written as UTF-8; send its escape instead, which the parser must refuse or keep.
            return Encoding.UTF8.GetBytes(node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default }));
        }
    }

    /// <summary>A raw MIME message for the <c>email</c> field, sometimes with odd charsets, encodings or nesting.</summary>
    private static string Mime(MalformedInput input, string messageId, string from, string text)
    {
        var headers = $"From: {from}\r\nTo: complaints@complaints.test\r\nSubject: =?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes("宽带 " + input.Pick(MalformedInput.Injections)))}?=\r\nMessage-ID: {messageId}\r\nMIME-Version: 1.0\r\n";
        return input.Next(5) switch
        {
            0 => headers + $"Content-Type: text/plain; charset={input.Charset()}\r\nContent-Transfer-Encoding: {input.Pick(new[] { "8bit", "base64", "quoted-printable", "x-unknown", "7bit" })}\r\n\r\n{text}\r\n",
            1 => headers + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + $"<p>{input.Pick(MalformedInput.Injections)}</p><p>{text}</p>\r\n--alt--\r\n",
            2 => headers + string.Concat(Enumerable.Range(0, input.Next(10, 3_000)).Select(i => $"Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n")) + "\r\nx\r\n",
            3 => headers + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\n" + text
                + "\r\n--m\r\nContent-Type: application/pdf; name=\"../x.pdf\"\r\nContent-Disposition: attachment; filename=\"../x.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n--m--\r\n",
            _ => headers + $"Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n",
        };
    }
}
