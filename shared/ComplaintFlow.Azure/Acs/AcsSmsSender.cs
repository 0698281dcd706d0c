using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ComplaintFlow.Core.Notify;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Azure.Acs;

/// <summary>
/// Sends a text through ACS SMS (<c>POST {endpoint}/sms?api-version=2021-03-07</c>, JSON <c>from</c>,
/// <c>smsRecipients[{to, repeatabilityRequestId, repeatabilityFirstSent}]</c>, <c>message</c>,
/// <c>smsSendOptions{enableDeliveryReport, tag}</c>), signed with the access key as ACS's HMAC-SHA256 scheme
/// documents: <c>"{METHOD}\n{path and query}\n{x-ms-date};{host};{x-ms-content-sha256}"</c>. The notice's ids go in
/// the tag, which ACS echoes in its delivery report. The repeatability id derives from the notice (or the inbound
/// message a keyword answers), so ACS sends a retried request once. Retries and timeouts are in the HttpClient's
/// resilience pipeline (<see cref="AcsServiceCollectionExtensions.AddAcsSms"/>).
/// </summary>
public sealed partial class AcsSmsSender(HttpClient http, IOptions<AcsSmsOptions> options, TimeProvider time, ILogger<AcsSmsSender> logger) : ISmsSender
{
    public const string ApiVersion = "2021-03-07";

    /// <summary>The tag carries <c>{complaintId}|{notificationId}</c>.</summary>
    public const char TagSeparator = '|';

    public async Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var recipient = new Dictionary<string, object?> { ["to"] = message.To };
        if (message.IdempotencyKey is { } key)
        {
            recipient["repeatabilityRequestId"] = RepeatabilityId(key).ToString();
            recipient["repeatabilityFirstSent"] = (message.FirstRequestedAt ?? time.GetUtcNow()).UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
        }

        var tag = message.Tags.TryGetValue("complaintId", out var complaintId) && message.Tags.TryGetValue("notificationId", out var notificationId)
            ? $"{complaintId}{TagSeparator}{notificationId}"
            : null;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["from"] = message.From ?? settings.FromNumber,
            ["smsRecipients"] = new[] { recipient },
            ["message"] = message.Body,
            ["smsSendOptions"] = new Dictionary<string, object?> { ["enableDeliveryReport"] = true, ["tag"] = tag },
        });

        using var request = new HttpRequestMessage(HttpMethod.Post, $"sms?api-version={ApiVersion}") { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        Sign(request, new Uri(http.BaseAddress!, request.RequestUri!), payload, Convert.FromBase64String(settings.AccessKey!), time.GetUtcNow());

        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var (messageId, successful, status, error) = ReadResult(body);
        if (response.IsSuccessStatusCode && successful)
        {
            LogAccepted(logger, messageId);
            return messageId;
        }

        var code = response.IsSuccessStatusCode ? status ?? 400 : (int)response.StatusCode;
        LogRefused(logger, code);
        throw new AcsApiException((HttpStatusCode)code, $"ACS refused the message: HTTP {code}: {error ?? response.ReasonPhrase ?? "no message"}");
    }

    /// <summary>Adds the HMAC-SHA256 headers ACS checks: x-ms-date, x-ms-content-sha256 and Authorization.</summary>
    public static void Sign(HttpRequestMessage request, Uri uri, byte[] body, byte[] accessKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(uri);
        var date = now.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        var signature = Signature(request.Method.Method, uri.PathAndQuery, date, uri.Authority, contentHash, accessKey);
        request.Headers.Add("x-ms-date", date);
        request.Headers.Add("x-ms-content-sha256", contentHash);
        request.Headers.TryAddWithoutValidation("Authorization", $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}");
    }

    public static string Signature(string method, string pathAndQuery, string date, string host, string contentHash, byte[] accessKey) =>
        Convert.ToBase64String(HMACSHA256.HashData(accessKey, Encoding.UTF8.GetBytes($"{method}\n{pathAndQuery}\n{date};{host};{contentHash}")));

    /// <summary>A UUID fixed by the key (SHA-256 of it, version and variant bits set), so a retried request repeats it.</summary>
    public static Guid RepeatabilityId(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16).ToArray();
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }

    private static (string? MessageId, bool Successful, int? Status, string? Error) ReadResult(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
            {
                var first = value[0];
                return (Text(first, "messageId"),
                    first.TryGetProperty("successful", out var ok) && ok.ValueKind == JsonValueKind.True,
                    first.TryGetProperty("httpStatusCode", out var s) && s.TryGetInt32(out var code) ? code : null,
                    Text(first, "errorMessage"));
            }

            return (null, false, null, root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? Text(e, "message") : null);
        }
        catch (JsonException)
        {
            return (null, false, null, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "ACS accepted message {MessageId}")]
    private static partial void LogAccepted(ILogger logger, string? messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ACS refused a message: HTTP {Status}")]
    private static partial void LogRefused(ILogger logger, int status);
}

/// <summary>ACS refused a text; a 4xx about the message (not 401/403/404/408/429) is permanent.</summary>
public sealed class AcsApiException(HttpStatusCode status, string message) : Exception(message), INoticeRefusal
{
    public HttpStatusCode Status { get; } = status;

    public bool IsPermanent => (int)Status is >= 400 and < 500
        && Status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.RequestTimeout);

    public string Reason => $"acs-{((int)Status).ToString(CultureInfo.InvariantCulture)}";
}
