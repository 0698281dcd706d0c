using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Fakes.Twilio;
using ComplaintFlow.Testing.Payloads;

namespace ComplaintFlow.Reliability.Tests.Harness;

/// <summary>One complaint a customer (or a provider's webhook) keeps submitting until it is accepted.</summary>
public sealed record Submission(int Index, Channel Channel, string SourceId, string? Email, string? Phone)
{
    /// <summary>The web form's complaint id comes from its answer; the webhooks' from the provider's message id.</summary>
    public string ComplaintId { get; init; } = Core.Complaints.ComplaintId.FromSource(Channel, SourceId);
}

/// <summary>
/// Customers and providers as they behave: a submission whose answer was lost (connection refused or reset, a
/// timeout, a 5xx) is sent again, byte for byte, with the same idempotency key or message id, until a 2xx arrives.
/// Any 4xx fails the run: the submissions are valid, so a 4xx would be the app refusing a good complaint.
/// </summary>
public sealed class Customers(Uri app, int seed) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = app, Timeout = TimeSpan.FromSeconds(10) };
    private int _attempts;

    public ConcurrentBag<Submission> Accepted { get; } = [];

    /// <summary>Requests sent, retries included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The run's complaints, a third each over the web form, inbound email and Twilio SMS.</summary>
    public static IReadOnlyList<Submission> Plan(int count, int seed) =>
        [.. Enumerable.Range(0, count).Select(i => (i % 3) switch
        {
            0 => new Submission(i, Channel.Web, $"form-{seed}-{i}", $"web{i}@example.com", null),
            1 => new Submission(i, Channel.Email, $"mail-{seed}-{i}@mail.example.net", $"mail{i}@example.net", null),
            _ => new Submission(i, Channel.Sms, $"SM{seed:x8}{i:D24}", null, $"+86138{i:D8}"),
        })];

    /// <summary>Submits every complaint, <paramref name="parallel"/> customers at a time, each retrying until accepted.</summary>
    public async Task SubmitAllAsync(IReadOnlyList<Submission> submissions, int parallel, TimeSpan pause, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var pauses = submissions.Select(_ => TimeSpan.FromMilliseconds(random.NextDouble() * pause.TotalMilliseconds * 2)).ToArray();
        await Parallel.ForEachAsync(submissions, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (submission, ct) =>
        {
            await Task.Delay(pauses[submission.Index], ct);
            await SubmitAsync(submission, ct);
        });
    }

    private async Task SubmitAsync(Submission submission, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Interlocked.Increment(ref _attempts);
            try
            {
                using var response = await _client.SendAsync(Request(submission), cancellationToken);
                var status = (int)response.StatusCode;
                if (status is >= 200 and < 300)
                {
                    Accepted.Add(submission.Channel == Channel.Web
                        ? submission with { ComplaintId = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()! }
                        : submission);
                    return;
                }

                if (status is >= 400 and < 500)
                {
                    throw new InvalidOperationException(
                        $"{submission.Channel} submission {submission.Index} was refused with {status}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }
            catch (HttpRequestException)
            {
                // The app is down or the connection was cut: the answer is unknown, so send it again.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Timed out: the same.
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage Request(Submission submission) => submission.Channel switch
    {
        Channel.Web => WebForm(submission),
        Channel.Email => InboundEmail(submission),
        _ => TwilioSms(submission),
    };

    private static HttpRequestMessage WebForm(Submission submission)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/complaints")
        {
            Content = JsonContent.Create(new
            {
                name = $"Customer {submission.Index}",
                email = submission.Email,
                subject = "Broadband outage",
                text = $"My broadband has been down for three days (case {submission.Index}). I want compensation.",
                language = "en",
            }),
        };
        request.Headers.Add("Idempotency-Key", submission.SourceId);
        return request;
    }

    private static HttpRequestMessage InboundEmail(Submission submission)
    {
        var from = $"Customer {submission.Index} <{submission.Email}>";
        var post = new SendGridPost()
            .Field("headers", SendGridPost.Headers([$"From: {from}", "To: complaints@complaintflow.local", "Subject: Billed twice", $"Message-ID: <{submission.SourceId}>"]))
            .Field("from", from)
            .Field("to", "complaints@complaintflow.local")
            .Field("subject", "Billed twice")
            .Field("text", $"I was billed twice this month (case {submission.Index}). Please refund the second charge.")
            .Field("envelope", $"{{\"to\":[\"complaints@complaintflow.local\"],\"from\":\"{submission.Email}\"}}")
            .Field("charsets", "{\"to\":\"UTF-8\",\"from\":\"UTF-8\",\"subject\":\"UTF-8\",\"text\":\"UTF-8\"}")
            .Field("SPF", "pass");
        var content = new ByteArrayContent(post.Bytes());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(post.ContentType);
        return new HttpRequestMessage(HttpMethod.Post, "/api/inbound/email") { Content = content };
    }

    private static HttpRequestMessage TwilioSms(Submission submission)
    {
        var form = new Dictionary<string, string>
        {
            ["ToCountry"] = "US",
            ["SmsMessageSid"] = submission.SourceId,
            ["NumMedia"] = "0",
            ["SmsSid"] = submission.SourceId,
            ["SmsStatus"] = "received",
            ["Body"] = string.Create(CultureInfo.InvariantCulture, $"No signal at home for a week (case {submission.Index}), please fix it."),
            ["FromCountry"] = "CN",
            ["To"] = Pipeline.TwilioNumber,
            ["NumSegments"] = "1",
            ["MessageSid"] = submission.SourceId,
            ["AccountSid"] = TwilioFakeStore.DefaultAccountSid,
            ["From"] = submission.Phone!,
            ["ApiVersion"] = "2010-04-01",
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", new TwilioSignatureValidator(TwilioFakeStore.DefaultAuthToken)
            .ComputeSignature($"{Pipeline.PublicBaseUrl}/api/inbound/sms/twilio", form));
        return request;
    }
}
