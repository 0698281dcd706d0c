using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ComplaintFlow.Fakes;

/// <summary>
/// Makes the fakes post delivery reports back to the app, as the real providers do: SendGrid's Event Webhook (signed
/// with <see cref="DevPrivateKey"/>, whose public half is in local.settings.sample.json) and Twilio's status callbacks
/// (signed with the account's auth token, to the StatusCallback URL the text was sent with). Nothing is posted until
/// <see cref="AppAddress"/> is set (<c>--Fakes:AppAddress=http://localhost:7071</c> in the run command; a test sets it),
/// so tests that do not ask for reports see none.
///
/// Reserved addresses decide the fate: email to a domain <c>bounce.example</c> or ending in <c>.invalid</c> bounces
/// (the newcomer journey: a mistyped address); a text to a number ending in 0000 is undelivered (Twilio error 30003);
/// everything else is delivered.
/// </summary>
public sealed class DeliveryReporting
{
    /// <summary>Local development key only (P-256, PKCS#8, base64): it signs the SendGrid fake's events.</summary>
    public const string DevPrivateKey = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7nRZOc6HuR5oXIIb1JrIz9T6kO0d/nwV+x4ygnzp85yhRANCAARljyiyZRHf4z/sipJ2p5f+jetWjd9oioJZoYJkkx6UJBoO/c2sL5mjrqnFwTRViQjMK7ui8o68freyzAwFdALj";

    /// <summary>The public half, as SendGrid shows a verification key (base64 DER SubjectPublicKeyInfo).</summary>
    public const string DevPublicKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEZY8osmUR3+M/7IqSdqeX/o3rVo3faIqCWaGCZJMelCQaDv3NrC+Zo66pxcE0VYkIzCu7ovKOvH63sswMBXQC4w==";

    public const string SendGridEventPath = "/api/events/sendgrid";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly List<string> _failures = [];
    private readonly Lock _lock = new();

    /// <summary>Where the app listens; callback URLs keep their path and query but are posted here.</summary>
    public Uri? AppAddress { get; set; }

    /// <summary>How long after accepting a message its report is posted (the app records the send first, usually).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Reports the app did not take (status and path), for a test to show.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_lock)
            {
                return [.. _failures];
            }
        }
    }

    public static bool Bounces(string email)
    {
        var domain = email[(email.LastIndexOf('@') + 1)..].ToLowerInvariant();
        return domain == "bounce.example" || domain.EndsWith(".bounce.example", StringComparison.Ordinal) || domain == "invalid" || domain.EndsWith(".invalid", StringComparison.Ordinal);
    }

    public static bool Undelivered(string to) => to.EndsWith("0000", StringComparison.Ordinal);

    /// <summary>One event per recipient, with the mail's custom args, as SendGrid posts them.</summary>
    internal void ReportEmail(string messageId, IReadOnlyList<string> recipients, IReadOnlyDictionary<string, string> customArgs)
    {
        if (AppAddress is null)
        {
            return;
        }

        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var events = recipients.Select(to =>
        {
            var e = new Dictionary<string, object>
            {
                ["email"] = to,
                ["timestamp"] = timestamp,
                ["sg_event_id"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)),
                ["sg_message_id"] = $"{messageId}.filter0001.0",
                ["smtp-id"] = $"<{messageId}@fake.sendgrid>",
            };
            if (Bounces(to))
            {
                e["event"] = "bounce";
                e["type"] = "bounce";
                e["status"] = "5.1.1";
                e["reason"] = $"550 5.1.1 <{to}>: Recipient address rejected: User unknown";
            }
            else
            {
                e["event"] = "delivered";
                e["response"] = "250 OK";
            }

            foreach (var (key, value) in customArgs)
            {
                e[key] = value;
            }

            return e;
        }).ToList();
        var payload = JsonSerializer.Serialize(events);
        var stamp = timestamp.ToString(CultureInfo.InvariantCulture);
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(DevPrivateKey), out _);
        var signature = Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(stamp + payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Post(SendGridEventPath, () => new StringContent(payload, Encoding.UTF8, "application/json"), new Dictionary<string, string>
        {
            ["X-Twilio-Email-Event-Webhook-Signature"] = signature,
            ["X-Twilio-Email-Event-Webhook-Timestamp"] = stamp,
        });
    }

    /// <summary>The final status callback of one text: <c>delivered</c>, or <c>undelivered</c> with error 30003.</summary>
    internal void ReportText(string callback, string authToken, string accountSid, string sid, string to, string? from)
    {
        if (AppAddress is null || !Uri.TryCreate(callback, UriKind.Absolute, out var url))
        {
            return;
        }

        var undelivered = Undelivered(to);
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = accountSid,
            ["ApiVersion"] = "2010-04-01",
            ["MessageSid"] = sid,
            ["SmsSid"] = sid,
            ["MessageStatus"] = undelivered ? "undelivered" : "delivered",
            ["SmsStatus"] = undelivered ? "undelivered" : "delivered",
            ["To"] = to,
            ["From"] = from ?? string.Empty,
        };
        if (undelivered)
        {
            form["ErrorCode"] = "30003";
        }

        // Twilio's signature: HMAC-SHA1 with the auth token over the URL then each field name and value, sorted by name.
        var data = new StringBuilder(callback);
        foreach (var (name, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
        Post(url.PathAndQuery, () => new FormUrlEncodedContent(form), new Dictionary<string, string> { ["X-Twilio-Signature"] = signature });
    }

    /// <summary>Posts in the background, three tries a second apart, like a provider that retries (theirs retry for longer).</summary>
    private void Post(string pathAndQuery, Func<HttpContent> content, IReadOnlyDictionary<string, string> headers)
    {
        var target = new Uri(AppAddress!, pathAndQuery);
        _ = Task.Run(async () =>
        {
            await Task.Delay(Delay);
            var last = "no answer";
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content() };
                    foreach (var (name, value) in headers)
                    {
                        request.Headers.TryAddWithoutValidation(name, value);
                    }

                    using var response = await Http.SendAsync(request);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }

                    last = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    last = e.GetType().Name;
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            lock (_lock)
            {
                _failures.Add($"{last} {target.AbsolutePath}");
            }
        });
    }
}
