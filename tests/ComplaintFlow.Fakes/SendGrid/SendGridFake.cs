using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComplaintFlow.Fakes.SendGrid;

/// <summary>An email as SendGrid's v3 Mail Send API received it.</summary>
public sealed record ReceivedEmail
{
    public required string MessageId { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string From { get; init; }
    public required IReadOnlyList<string> To { get; init; }
    public required string Subject { get; init; }
    public string? Text { get; init; }
    public string? Html { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<ReceivedAttachment> Attachments { get; init; } = [];
    public required string RawJson { get; init; }
}

/// <summary>An attachment as the mail carried it, its base64 content decoded.</summary>
public sealed record ReceivedAttachment(string FileName, string? Type, string Disposition, byte[] Content);

public sealed class SendGridMailbox
{
    private readonly ConcurrentQueue<ReceivedEmail> _emails = new();
    public IReadOnlyList<ReceivedEmail> Emails => [.. _emails];
    public FaultPlan Faults { get; } = new();
    public string ApiKey { get; set; } = "SG.fake-key";
    internal void Add(ReceivedEmail email) => _emails.Enqueue(email);
}

/// <summary>
/// <c>POST /v3/mail/send</c> as documented: Bearer API key, the JSON mail object, 202 with <c>X-Message-Id</c>, and 400
/// with SendGrid's <c>{"errors":[{"message","field","help"}]}</c> shape for the checks SendGrid makes. Accepted mail is
/// reported back to the app's Event Webhook when <see cref="DeliveryReporting"/> has an address.
/// </summary>
public static class SendGridFake
{
    public static IEndpointRouteBuilder MapSendGridFake(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v3/mail/send", async (HttpContext context, SendGridMailbox mailbox, DeliveryReporting reporting) =>
        {
            if (context.Request.Headers.Authorization.ToString() != $"Bearer {mailbox.ApiKey}")
            {
                return Error(StatusCodes.Status401Unauthorized, null, "The provided authorization grant is invalid, expired, or revoked");
            }

            if (await mailbox.Faults.TryAnswerAsync(context, """{"errors":[{"message":"injected fault","field":null,"help":null}]}"""))
            {
                return Results.Empty;
            }

            string raw;
            using (var reader = new StreamReader(context.Request.Body))
            {
                raw = await reader.ReadToEndAsync(context.RequestAborted);
            }

            JsonObject mail;
            try
            {
                mail = JsonNode.Parse(raw)?.AsObject() ?? throw new JsonException();
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return Error(StatusCodes.Status400BadRequest, null, "Bad Request");
            }

            var personalizations = mail["personalizations"] as JsonArray;
            if (personalizations is null || personalizations.Count == 0)
            {
                return Error(400, "personalizations", "The personalizations field is required and must have at least one personalization.");
            }

            var to = personalizations.SelectMany(p => p?["to"] as JsonArray ?? []).Select(t => t?["email"]?.GetValue<string>()).OfType<string>().ToList();
            if (to.Count == 0)
            {
                return Error(400, "personalizations.0.to", "The to array is required for all personalization objects, and must have at least one email object with a valid email address.");
            }

            var from = mail["from"]?["email"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(from))
            {
                return Error(400, "from", "The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.");
            }

            var subject = mail["subject"]?.GetValue<string>() ?? personalizations[0]?["subject"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(subject))
            {
                return Error(400, "subject", "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.");
            }

            var content = (mail["content"] as JsonArray ?? []).ToDictionary(
                c => c?["type"]?.GetValue<string>() ?? string.Empty,
                c => c?["value"]?.GetValue<string>() ?? string.Empty);
            if (content.Count == 0 || content.Values.Any(string.IsNullOrEmpty))
            {
                return Error(400, "content", "Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.");
            }

            var customArgs = Strings(mail["custom_args"]);
            foreach (var (key, value) in personalizations.SelectMany(p => Strings(p?["custom_args"])))
            {
                customArgs[key] = value;
            }

            // Headers may be set on the mail or on a personalization (the C# client's AddHeader does the latter).
            var headers = Strings(mail["headers"]);
            foreach (var (key, value) in personalizations.SelectMany(p => Strings(p?["headers"])))
            {
                headers[key] = value;
            }

            // attachments[]: content (base64) and filename are required; disposition is inline or attachment.
            var attachments = new List<ReceivedAttachment>();
            foreach (var (attachment, i) in (mail["attachments"] as JsonArray ?? []).Select((a, i) => (a, i)))
            {
                var filename = attachment?["filename"]?.GetValue<string>();
                var encoded = attachment?["content"]?.GetValue<string>();
                var disposition = attachment?["disposition"]?.GetValue<string>() ?? "attachment";
                if (string.IsNullOrEmpty(encoded))
                {
                    return Error(400, $"attachments.{i}.content", "The attachment content is required.");
                }

                if (string.IsNullOrEmpty(filename))
                {
                    return Error(400, $"attachments.{i}.filename", "The attachment filename parameter is required.");
                }

                if (disposition is not ("inline" or "attachment"))
                {
                    return Error(400, $"attachments.{i}.disposition", "If the disposition parameter is defined, it must be either inline or attachment.");
                }

                byte[] decoded;
                try
                {
                    decoded = Convert.FromBase64String(encoded);
                }
                catch (FormatException)
                {
                    return Error(400, $"attachments.{i}.content", "The attachment content must be base64 encoded.");
                }

                attachments.Add(new ReceivedAttachment(filename, attachment?["type"]?.GetValue<string>(), disposition, decoded));
            }

            var messageId = Guid.NewGuid().ToString("N")[..22];
            mailbox.Add(new ReceivedEmail
            {
                MessageId = messageId,
                ReceivedAt = DateTimeOffset.UtcNow,
                From = from,
                To = to,
                Subject = subject,
                Text = content.GetValueOrDefault("text/plain"),
                Html = content.GetValueOrDefault("text/html"),
                Headers = headers,
                CustomArgs = customArgs,
                Attachments = attachments,
                RawJson = raw,
            });
            reporting.ReportEmail(messageId, to, customArgs);
            context.Response.Headers["X-Message-Id"] = messageId;
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });

        app.MapGet("/fake/sendgrid/messages", (SendGridMailbox mailbox) => Results.Json(mailbox.Emails));
        app.MapPost("/fake/sendgrid/faults", (FaultRequest request, SendGridMailbox mailbox) =>
        {
            mailbox.Faults.Add(new FaultPlan.Fault(request.Status, request.RetryAfterSeconds, request.DelayMilliseconds), request.Times);
            return Results.NoContent();
        });
        return app;
    }

    private static Dictionary<string, string> Strings(JsonNode? node) =>
        node is JsonObject o ? o.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.ToString()) : [];

    private static IResult Error(int status, string? field, string message) =>
        Results.Json(new { errors = new[] { new { message, field, help = (string?)null } } }, statusCode: status);
}

public sealed record FaultRequest(int Status, int Times = 1, int? RetryAfterSeconds = null, int DelayMilliseconds = 0);
