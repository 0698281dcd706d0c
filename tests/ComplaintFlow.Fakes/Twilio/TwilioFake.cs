using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Fakes.Twilio;

/// <summary>A text the fake accepted, as Twilio would have stored it.</summary>
public sealed record TwilioFakeMessage(
    string Sid,
    string AccountSid,
    string To,
    string? From,
    string? MessagingServiceSid,
    string Body,
    string? StatusCallback,
    DateTimeOffset DateCreated);

/// <summary>A media of an incoming MMS, as the fake serves it.</summary>
public sealed record TwilioFakeMedia(string ContentType, byte[] Content);

/// <summary>
/// What the Twilio fake received, and the failures it has been told to answer with. One account: requests with other
/// credentials get Twilio's 401 (error 20003).
/// </summary>
public sealed class TwilioFakeStore(string accountSid = TwilioFakeStore.DefaultAccountSid, string authToken = TwilioFakeStore.DefaultAuthToken, TimeProvider? time = null)
{
    public const string DefaultAccountSid = "AC00000000000000000000000000000001";
    public const string DefaultAuthToken = "fake-auth-token";

    private readonly Lock _lock = new();
    private readonly List<TwilioFakeMessage> _messages = [];
    private readonly Queue<(int Status, TimeSpan? RetryAfter, TimeSpan Stall)> _failures = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly Dictionary<(string MessageSid, string MediaSid), TwilioFakeMedia> _media = [];
    private int _requests;
    private int _mediaRequests;

    public string AccountSid { get; } = accountSid;
    public string AuthToken { get; } = authToken;
    internal TimeProvider Time { get; } = time ?? TimeProvider.System;

    public IReadOnlyList<TwilioFakeMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Create-message requests seen, refused ones included.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>
    /// Answer the next <paramref name="count"/> create requests with <paramref name="status"/> (429, 500, 503...),
    /// after stalling for <paramref name="stall"/> (longer than the client's timeout: the client sees a timeout).
    /// </summary>
    public void FailNext(int count, int status, TimeSpan? retryAfter = null, TimeSpan stall = default)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue((status, retryAfter, stall));
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> create requests have arrived.</summary>
    public Task WhenRequestCountAsync(int count)
    {
        lock (_lock)
        {
            if (_requests >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    internal (int Status, TimeSpan? RetryAfter, TimeSpan Stall)? CountRequestAndTakeFailure()
    {
        lock (_lock)
        {
            _requests++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _requests).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }

            return _failures.Count > 0 ? _failures.Dequeue() : null;
        }
    }

    /// <summary>
    /// Keeps a picture a customer "sent" in an MMS, as Twilio keeps an incoming message's media, and returns its media
    /// sid; it is served at <c>/2010-04-01/Accounts/{AccountSid}/Messages/{messageSid}/Media/{sid}</c>.
    /// </summary>
    public string AddMedia(string messageSid, string contentType, byte[] content)
    {
        var sid = "ME" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (_lock)
        {
            _media[(messageSid, sid)] = new TwilioFakeMedia(contentType, content);
        }

        return sid;
    }

    /// <summary>The path of a media, relative to the fake's address.</summary>
    public string MediaPath(string messageSid, string mediaSid) => $"/2010-04-01/Accounts/{AccountSid}/Messages/{messageSid}/Media/{mediaSid}";

    /// <summary>Media requests seen, refused ones included (a URL the app must not fetch is never asked for).</summary>
    public int MediaRequestCount => Volatile.Read(ref _mediaRequests);

    internal TwilioFakeMedia? TakeMediaRequest(string messageSid, string mediaSid)
    {
        Interlocked.Increment(ref _mediaRequests);
        lock (_lock)
        {
            return _media.GetValueOrDefault((messageSid, mediaSid));
        }
    }

    internal void Add(TwilioFakeMessage message)
    {
        lock (_lock)
        {
            _messages.Add(message);
        }
    }
}

/// <summary>
/// A local stand-in for Twilio's Messages resource (https://www.twilio.com/docs/messaging/api/message-resource):
/// <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c> with basic auth and form fields To, From or
/// MessagingServiceSid, Body; answers 201 with the message resource JSON, or Twilio's error JSON.
/// </summary>
public static partial class TwilioFakeEndpoints
{
    private const string ApiVersion = "2010-04-01";

    /// <summary>Maps the fake; uses the <see cref="TwilioFakeStore"/> registered in DI, or a new one.</summary>
    public static TwilioFakeStore MapTwilioFake(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var store = endpoints.ServiceProvider.GetService<TwilioFakeStore>() ?? new TwilioFakeStore();
        endpoints.MapPost($"/{ApiVersion}/Accounts/{{accountSid}}/Messages.json", (string accountSid, HttpRequest request) => CreateAsync(store, accountSid, request));
        endpoints.MapGet($"/{ApiVersion}/Accounts/{{accountSid}}/Messages.json", (string accountSid, HttpRequest request) =>
            !Authorised(store, accountSid, request)
                ? Error(401, 20003, "Authenticate")
                : Results.Json(new Dictionary<string, object?>
                {
                    ["messages"] = store.Messages.Where(m => m.AccountSid == accountSid).Reverse().Select(Resource).ToList(),
                    ["page"] = 0,
                    ["page_size"] = 50,
                }));
        // Twilio's Media resource: an incoming MMS's media, served with their own content type behind basic auth.
        endpoints.MapGet($"/{ApiVersion}/Accounts/{{accountSid}}/Messages/{{messageSid}}/Media/{{mediaSid}}", (string accountSid, string messageSid, string mediaSid, HttpRequest request) =>
        {
            var media = store.TakeMediaRequest(messageSid, mediaSid);
            return !Authorised(store, accountSid, request) ? Error(401, 20003, "Authenticate")
                : media is null ? Error(404, 20404, $"The requested resource /{ApiVersion}/Accounts/{accountSid}/Messages/{messageSid}/Media/{mediaSid} was not found")
                : Results.Bytes(media.Content, media.ContentType);
        });

        // Not Twilio's: how a developer or a test "sends" a picture. The body is the file, its Content-Type the media
        // type; the answer names the media URL to put in the webhook's MediaUrl{N}, as Twilio would.
        endpoints.MapPost("/fake/twilio/media/{messageSid}", async (string messageSid, HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            var contentType = request.ContentType ?? "application/octet-stream";
            var sid = store.AddMedia(messageSid, contentType, buffer.ToArray());
            var path = store.MediaPath(messageSid, sid);
            return Results.Json(new Dictionary<string, string>
            {
                ["sid"] = sid,
                ["content_type"] = contentType,
                ["url"] = $"{request.Scheme}://{request.Host}{path}",
            }, statusCode: 201);
        });
        return store;
    }

    private static async Task<IResult> CreateAsync(TwilioFakeStore store, string accountSid, HttpRequest request)
    {
        if (store.CountRequestAndTakeFailure() is { } failure)
        {
            if (failure.Stall > TimeSpan.Zero)
            {
                await Task.Delay(failure.Stall, request.HttpContext.RequestAborted);
            }

            if (failure.RetryAfter is { } retryAfter)
            {
                request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return failure.Status == 429
                ? Error(429, 20429, "Too Many Requests")
                : Error(failure.Status, 20500, "Internal Server Error");
        }

        if (!Authorised(store, accountSid, request))
        {
            return Error(401, 20003, "Authenticate");
        }

        if (!request.HasFormContentType)
        {
            return Error(400, 20001, "Unsupported content type: expected application/x-www-form-urlencoded.");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        string? Field(string name) => form.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;
        var to = Field("To");
        var from = Field("From");
        var service = Field("MessagingServiceSid");
        var body = Field("Body");
        if (to is null)
        {
            return Error(400, 21604, "A 'To' phone number is required.");
        }

        if (!E164().IsMatch(to))
        {
            return Error(400, 21211, $"Invalid 'To' Phone Number: {to}");
        }

        if (from is null && service is null)
        {
            return Error(400, 21603, "A 'From' phone number is required.");
        }

        if (body is null)
        {
            return Error(400, 21602, "Message body is required.");
        }

        if (body.Length > 1600)
        {
            return Error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }

        var message = new TwilioFakeMessage(
            "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            accountSid,
            to,
            from,
            service,
            body,
            Field("StatusCallback"),
            store.Time.GetUtcNow());
        store.Add(message);
        if (message.StatusCallback is { } callback)
        {
            request.HttpContext.RequestServices.GetService<ComplaintFlow.Fakes.DeliveryReporting>()?.ReportText(callback, store.AuthToken, accountSid, message.Sid, to, from);
        }

        return Results.Json(Resource(message), statusCode: 201);
    }

    private static bool Authorised(TwilioFakeStore store, string accountSid, HttpRequest request)
    {
        if (accountSid != store.AccountSid
            || !AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        return credentials == $"{store.AccountSid}:{store.AuthToken}";
    }

    /// <summary>The message resource as Twilio returns it (all documented properties, strings where Twilio uses strings).</summary>
    private static Dictionary<string, object?> Resource(TwilioFakeMessage m)
    {
        var date = m.DateCreated.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
        var uri = $"/{ApiVersion}/Accounts/{m.AccountSid}/Messages/{m.Sid}.json";
        return new Dictionary<string, object?>
        {
            ["account_sid"] = m.AccountSid,
            ["api_version"] = ApiVersion,
            ["body"] = m.Body,
            ["date_created"] = date,
            ["date_sent"] = null,
            ["date_updated"] = date,
            ["direction"] = "outbound-api",
            ["error_code"] = null,
            ["error_message"] = null,
            ["from"] = m.From,
            ["messaging_service_sid"] = m.MessagingServiceSid,
            ["num_media"] = "0",
            ["num_segments"] = "1",
            ["price"] = null,
            ["price_unit"] = "USD",
            ["sid"] = m.Sid,
            ["status"] = m.MessagingServiceSid is null ? "queued" : "accepted",
            ["subresource_uris"] = new Dictionary<string, string> { ["media"] = uri.Replace(".json", "/Media.json", StringComparison.Ordinal) },
            ["to"] = m.To,
            ["uri"] = uri,
        };
    }

    private static IResult Error(int status, int code, string message) =>
        Results.Json(
            new Dictionary<string, object>
            {
                ["code"] = code,
                ["message"] = message,
                ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
                ["status"] = status,
            },
            statusCode: status);

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex E164();
}
