using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Fakes.Acs;

/// <summary>A text the ACS fake accepted: who it came from and went to, what it said, and the tag it carried.</summary>
public sealed record AcsFakeMessage(string MessageId, string From, string To, string Message, string? Tag, DateTimeOffset ReceivedAt);

/// <summary>What the ACS SMS fake received. One resource: requests signed with another key get ACS's 401.</summary>
public sealed class AcsFakeStore(string accessKey = AcsFakeStore.DefaultAccessKey)
{
    /// <summary>The fake resource's access key (base64), as the sample settings and the test host give it to the app.</summary>
    public const string DefaultAccessKey = "ZmFrZS1hY3MtYWNjZXNzLWtleS1mb3ItbG9jYWwtdGVzdHMtb25seQ==";

    private readonly Lock _lock = new();
    private readonly List<AcsFakeMessage> _messages = [];
    private readonly Dictionary<string, string> _repeatable = [];

    public byte[] AccessKey { get; } = Convert.FromBase64String(accessKey);

    public IReadOnlyList<AcsFakeMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Records a text once per repeatability id, as ACS does; the second request gets the first's message id.</summary>
    internal string Add(string? repeatabilityId, Func<string, AcsFakeMessage> create)
    {
        lock (_lock)
        {
            if (repeatabilityId is not null && _repeatable.TryGetValue(repeatabilityId, out var known))
            {
                return known;
            }

            var id = "Outgoing_" + DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            _messages.Add(create(id));
            if (repeatabilityId is not null)
            {
                _repeatable[repeatabilityId] = id;
            }

            return id;
        }
    }
}

/// <summary>
/// A local stand-in for ACS SMS's send operation (REST <c>POST {endpoint}/sms?api-version=2021-03-07</c>): checks the
/// HMAC-SHA256 access-key signature over <c>"POST\n{path and query}\n{x-ms-date};{host};{x-ms-content-sha256}"</c> and
/// the body hash, reads <c>from</c>, <c>smsRecipients[].to</c>, <c>message</c> and <c>smsSendOptions.tag</c>, and
/// answers 202 with one result per recipient, as ACS does.
/// </summary>
public static class AcsSmsFakeEndpoints
{
    public const string ApiVersion = "2021-03-07";

    public static AcsFakeStore MapAcsSmsFake(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var store = endpoints.ServiceProvider.GetService<AcsFakeStore>() ?? new AcsFakeStore();
        endpoints.MapPost("/sms", (HttpRequest request) => SendAsync(store, request));
        return store;
    }

    private static async Task<IResult> SendAsync(AcsFakeStore store, HttpRequest request)
    {
        if (request.Query["api-version"] != ApiVersion)
        {
            return Error(400, "InvalidApiVersion", $"Use api-version={ApiVersion}.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.ToArray();
        if (!Authorised(store, request, body))
        {
            return Error(401, "Unauthorized", "Denied by the resource provider: the HMAC signature does not match.");
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Error(400, "BadRequest", "The body is not JSON.");
        }

        var from = Text(root, "from");
        var message = Text(root, "message");
        if (from is null || message is null || !root.TryGetProperty("smsRecipients", out var recipients) || recipients.ValueKind != JsonValueKind.Array || recipients.GetArrayLength() == 0)
        {
            return Error(400, "BadRequest", "from, smsRecipients and message are required.");
        }

        var tag = root.TryGetProperty("smsSendOptions", out var options) ? Text(options, "tag") : null;
        var results = new List<Dictionary<string, object?>>();
        foreach (var recipient in recipients.EnumerateArray())
        {
            var to = Text(recipient, "to") ?? string.Empty;
            var id = store.Add(Text(recipient, "repeatabilityRequestId"), id => new AcsFakeMessage(id, from, to, message, tag, DateTimeOffset.UtcNow));
            results.Add(new() { ["to"] = to, ["messageId"] = id, ["httpStatusCode"] = 202, ["repeatabilityResult"] = "accepted", ["successful"] = true });
        }

        return Results.Json(new Dictionary<string, object?> { ["value"] = results }, statusCode: 202);
    }

    private static bool Authorised(AcsFakeStore store, HttpRequest request, byte[] body)
    {
        var date = request.Headers["x-ms-date"].ToString();
        var hash = request.Headers["x-ms-content-sha256"].ToString();
        var authorization = request.Headers.Authorization.ToString();
        const string Prefix = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=";
        if (date.Length == 0 || hash != Convert.ToBase64String(SHA256.HashData(body)) || !authorization.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var toSign = $"POST\n{request.Path}{request.QueryString}\n{date};{request.Host.Value};{hash}";
        var expected = HMACSHA256.HashData(store.AccessKey, Encoding.UTF8.GetBytes(toSign));
        try
        {
            return CryptographicOperations.FixedTimeEquals(expected, Convert.FromBase64String(authorization[Prefix.Length..]));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new Dictionary<string, object?> { ["error"] = new Dictionary<string, string> { ["code"] = code, ["message"] = message } }, statusCode: status);
}
