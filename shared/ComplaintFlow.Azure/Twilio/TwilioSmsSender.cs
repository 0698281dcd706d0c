using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintFlow.Core.Notify;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Azure.Twilio;

/// <summary>
/// Sends a text through Twilio's Messages resource: <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>,
/// form-encoded, basic auth AccountSid:AuthToken. Retries and timeouts live in the HttpClient's resilience
/// pipeline (<see cref="TwilioServiceCollectionExtensions.AddTwilioSms"/>); this class sees only the final answer.
/// </summary>
public sealed partial class TwilioSmsSender(HttpClient http, IOptions<TwilioOptions> options, ILogger<TwilioSmsSender> logger) : ISmsSender
{
    public async Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var form = new List<KeyValuePair<string, string>> { new("To", message.To), new("Body", message.Body) };
        form.Add(string.IsNullOrWhiteSpace(settings.MessagingServiceSid)
            ? new("From", settings.FromNumber!)
            : new("MessagingServiceSid", settings.MessagingServiceSid));
        if (!string.IsNullOrWhiteSpace(settings.StatusCallback))
        {
            form.Add(new("StatusCallback", CallbackFor(settings.StatusCallback, message.Tags)));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid)}/Messages.json")
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var (sid, status) = ReadAccepted(body);
            LogAccepted(logger, sid, status);
            return sid;
        }

        var (code, twilioMessage) = ReadError(body);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"Twilio refused the message: HTTP {(int)response.StatusCode}, error {code?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}: {WithoutNumbers(twilioMessage ?? response.ReasonPhrase ?? "no message")}");
        LogRefused(logger, (int)response.StatusCode, code);
        throw new TwilioApiException(response.StatusCode, code, text);
    }

    /// <summary>
    /// The callback URL with the notice's ids in its query: Twilio posts the status to exactly this URL (and signs
    /// it), so the report names its complaint and notice without a lookup table from message sid.
    /// </summary>
    private static string CallbackFor(string callback, IReadOnlyDictionary<string, string> tags)
    {
        var query = string.Join("&", tags.Select(t => $"{Uri.EscapeDataString(t.Key)}={Uri.EscapeDataString(t.Value)}"));
        return query.Length == 0 ? callback : callback + (callback.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }

    private static (string? Sid, string? Status) ReadAccepted(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return (StringOf(json.RootElement, "sid"), StringOf(json.RootElement, "status"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static (int? Code, string? Message) ReadError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            int? code = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;
            return (code, StringOf(root, "message"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Twilio's messages quote the number ("The 'To' number +1555... is not valid"); exceptions end up in logs.</summary>
    private static string WithoutNumbers(string text) => PhoneNumber().Replace(text, "[number]");

    [GeneratedRegex(@"\+?\d[\d \-()]{4,}\d")]
    private static partial Regex PhoneNumber();

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio accepted message {Sid} with status {Status}")]
    private static partial void LogAccepted(ILogger logger, string? sid, string? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio refused a message: HTTP {Status}, error {Code}")]
    private static partial void LogRefused(ILogger logger, int status, int? code);
}
