using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ComplaintFlow.Bench.Load.Generation;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Bench.Load.Load;

/// <summary>One complaint sent: when (as intended, so a stalled sender cannot hide queueing), what came back, how fast.</summary>
internal sealed record Submission
{
    public required GeneratedComplaint Complaint { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required TimeSpan ResponseTime { get; init; }
    public int Status { get; init; }
    public string? Error { get; init; }

    /// <summary>The id the app gave (web form), or the one it derives from the channel's message id (webhooks).</summary>
    public string? ComplaintId { get; init; }

    public bool Accepted => Error is null && Status is >= 200 and < 300;
}

/// <summary>
/// Sends generated complaints the way each channel does: the web form's JSON with an idempotency key, SendGrid
/// Inbound Parse's multipart post, Twilio's signed form post (signed over the public URL Twilio is configured with,
/// which is the one the app checks).
/// </summary>
internal sealed class ComplaintSender(HttpClient http, string twilioAuthToken, string publicBaseUrl)
{
    public const string EmailWebhook = "/api/inbound/email";
    public const string SmsWebhook = "/api/inbound/sms/twilio";
    public const string ComplaintsMailbox = "complaints@bench.example.com";
    public const string ComplaintsNumber = "+8610086";

    public async Task<Submission> SendAsync(GeneratedComplaint complaint, DateTimeOffset intendedAt, long intendedTimestamp, CancellationToken cancellationToken)
    {
        try
        {
            using var request = complaint.Route switch
            {
                InboundRoute.EmailWebhook => InboundEmail(complaint),
                InboundRoute.SmsWebhook => TwilioSms(complaint),
                _ => WebForm(complaint),
            };
            using var response = await http.SendAsync(request, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(intendedTimestamp);
            var id = complaint.Route switch
            {
                InboundRoute.WebForm when response.StatusCode == HttpStatusCode.Accepted =>
                    (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString(),
                InboundRoute.SmsWebhook => ComplaintId.FromSource(Channel.Sms, complaint.SourceId),
                _ => null,
            };
            return new Submission
            {
                Complaint = complaint,
                SubmittedAt = intendedAt,
                ResponseTime = elapsed,
                Status = (int)response.StatusCode,
                ComplaintId = id,
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return new Submission
            {
                Complaint = complaint,
                SubmittedAt = intendedAt,
                ResponseTime = Stopwatch.GetElapsedTime(intendedTimestamp),
                Error = e is TaskCanceledException ? $"no answer within {http.Timeout.TotalSeconds:0} s" : e.GetType().Name,
            };
        }
    }

    private static HttpRequestMessage WebForm(GeneratedComplaint complaint)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/complaints")
        {
            Content = JsonContent.Create(new
            {
                name = complaint.Name,
                email = complaint.Email,
                phone = complaint.Phone,
                subject = complaint.Subject,
                text = complaint.Text,
                language = complaint.Language,
                place = complaint.Place,
            }),
        };
        request.Headers.Add("Idempotency-Key", complaint.SourceId);
        return request;
    }

    /// <summary>SendGrid Inbound Parse with parsed fields: <c>headers</c>, <c>from</c>, <c>to</c>, <c>subject</c>, <c>text</c>, <c>envelope</c>, <c>charsets</c>.</summary>
    private static HttpRequestMessage InboundEmail(GeneratedComplaint complaint)
    {
        var from = $"{complaint.Name} <{complaint.Email}>";
        var date = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        var headers = string.Join("\n",
            $"Message-ID: {complaint.SourceId}",
            $"Date: {date}",
            $"From: {from}",
            $"To: {ComplaintsMailbox}",
            $"Subject: {complaint.Subject}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8");
        var content = new MultipartFormDataContent
        {
            { new StringContent(headers), "headers" },
            { new StringContent(from), "from" },
            { new StringContent(ComplaintsMailbox), "to" },
            { new StringContent(complaint.Subject), "subject" },
            { new StringContent(complaint.Text), "text" },
            { new StringContent("127.0.0.1"), "sender_ip" },
            { new StringContent("{\"to\":\"UTF-8\",\"from\":\"UTF-8\",\"subject\":\"UTF-8\",\"text\":\"UTF-8\"}"), "charsets" },
            { new StringContent($"{{\"to\":[\"{ComplaintsMailbox}\"],\"from\":\"{complaint.Email}\"}}"), "envelope" },
            { new StringContent("pass"), "SPF" },
        };
        return new HttpRequestMessage(HttpMethod.Post, EmailWebhook) { Content = content };
    }

    /// <summary>Twilio's incoming-message webhook, signed as Twilio signs it (HMAC-SHA1 of the URL and the sorted fields).</summary>
    private HttpRequestMessage TwilioSms(GeneratedComplaint complaint)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccountSid"] = "AC" + new string('0', 32),
            ["ApiVersion"] = "2010-04-01",
            ["Body"] = complaint.Text,
            ["From"] = complaint.Phone!,
            ["MessageSid"] = complaint.SourceId,
            ["NumMedia"] = "0",
            ["NumSegments"] = "1",
            ["SmsMessageSid"] = complaint.SourceId,
            ["SmsSid"] = complaint.SourceId,
            ["SmsStatus"] = "received",
            ["To"] = ComplaintsNumber,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, SmsWebhook) { Content = new FormUrlEncodedContent(fields) };
        var url = publicBaseUrl.TrimEnd('/') + SmsWebhook;
        var signed = new StringBuilder(url);
        foreach (var (key, value) in fields)
        {
            signed.Append(key).Append(value);
        }

        var signature = HMACSHA1.HashData(Encoding.UTF8.GetBytes(twilioAuthToken), Encoding.UTF8.GetBytes(signed.ToString()));
        request.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(signature));
        return request;
    }
}
