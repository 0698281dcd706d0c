using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Functions.Http;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ComplaintFlow.Integration.Tests.Fuzz;

/// <summary>
/// Every public intake endpoint of the running app, over real HTTP on Azurite, fed
/// <see cref="Count"/> generated malformed requests with a fixed <see cref="Seed"/>. Whatever arrives: no unhandled
/// exception or error log, no 5xx, every 4xx a problem+json saying what is wrong, and afterwards every complaint in the
/// store complete (state and history agree, triaged), each one traceable to a request that was answered 2xx, and no
/// stored raw payload that belongs to no complaint, quarantine entry or ignored mail.
/// </summary>
public sealed class MalformedInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Replays a run: <c>COMPLAINTFLOW_FUZZ_SEED</c>, default 9.</summary>
    public static int Seed => IntSetting("COMPLAINTFLOW_FUZZ_SEED", 9);

    /// <summary>
    /// Inputs per endpoint: <c>COMPLAINTFLOW_FUZZ_COUNT</c>, default 3,000 (the test command's short seeded run, about
    /// 4 minutes for the four endpoints); the long runs in docs/reliability.md ("Malformed input") send 10,000 to 50,000.
    /// </summary>
    public static int Count => IntSetting("COMPLAINTFLOW_FUZZ_COUNT", 3_000);

    private const string TwilioUrl = "http://complaints.test/api/inbound/sms/twilio";
    private const int Concurrency = 8;
    private readonly CapturedLogs _log = new();
    private AppHost _host = null!;

    // A loaded shared machine stalls Azurite for up to half a minute; a hung request still shows as a finding.
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await AppHost.StartAsync(
            new Dictionary<string, string?>
            {
                // The fuzz inputs must reach the parsers, not the public form's rate limit.
                ["ComplaintFlow:Intake:RateLimit:PerIp"] = "1000000",
                ["ComplaintFlow:Intake:RateLimit:PerContact"] = "1000000",
            },
            logging => logging.AddProvider(_log));
        _client = new HttpClient { BaseAddress = _host.Address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public Task Complaint_form_refuses_malformed_input_with_problems_and_writes_no_partial_complaint() =>
        RunAsync("/api/complaints", EndpointInputs.Complaint, sign: false, (response, _, body) =>
            response.StatusCode == HttpStatusCode.Accepted ? [Json(body).GetProperty("id").GetString()!] : []);

    [Fact]
    public Task Email_webhook_refuses_malformed_posts_with_problems_and_writes_no_partial_complaint() =>
        RunAsync("/api/inbound/email", EndpointInputs.Email, sign: false, (_, _, body) =>
            References([Json(body)]));

    [Fact]
    public Task Twilio_webhook_refuses_malformed_texts_and_writes_no_partial_complaint() =>
        RunAsync("/api/inbound/sms/twilio", i => EndpointInputs.Twilio(i, AppHost.TwilioNumber), sign: true, (_, form, _) =>
            form is null ? [] : [.. new[] { "MessageSid", "SmsMessageSid", "SmsSid" }
                .Select(form.GetValueOrDefault).OfType<string>().Where(s => !string.IsNullOrWhiteSpace(s))
                .Select(s => ComplaintId.FromSource(Channel.Sms, s.Trim()))]);

    [Fact]
    public Task Acs_webhook_refuses_malformed_events_with_problems_and_writes_no_partial_complaint() =>
        RunAsync($"/api/inbound/sms/acs?key={AppHost.AcsWebhookKey}", EndpointInputs.Acs, sign: false, (_, _, body) =>
            Json(body) is { ValueKind: JsonValueKind.Array } events ? References([.. events.EnumerateArray()]) : []);

    private delegate IEnumerable<string> CreatedBy(HttpResponseMessage response, Dictionary<string, string>? signedForm, string body);

    private async Task RunAsync(string path, Func<MalformedInput, FuzzRequest> generate, bool sign, CreatedBy created)
    {
        output.WriteLine($"{path}: {Count} inputs, seed {Seed} (replay with COMPLAINTFLOW_FUZZ_SEED={Seed}).");
        var findings = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<string, int>();
        var createdIds = new ConcurrentDictionary<string, bool>();
        var slowest = new ConcurrentBag<(TimeSpan Took, string What)>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (index, cancellationToken) =>
        {
            var input = generate(new MalformedInput(Seed, index));
            var (request, signedForm) = await RequestAsync(path, input, sign && new MalformedInput(Seed, -index - 1).Chance(0.9));
            var started = Stopwatch.GetTimestamp();
            HttpResponseMessage answered;
            try
            {
                answered = await _client.SendAsync(request, cancellationToken);
            }
            catch (TaskCanceledException)
            {
                findings.Enqueue($"#{index} ({input.Kind}, {input.Body.Length} bytes): no answer within {_client.Timeout.TotalSeconds:F0} s");
                return;
            }

            using var response = answered;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            slowest.Add((Stopwatch.GetElapsedTime(started), $"#{index} {input.Kind} ({input.Body.Length} bytes)"));
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate($"{status} {input.Kind}", 1, (_, n) => n + 1);
            if (Problem(response, body) is { } problem)
            {
                findings.Enqueue($"#{index} ({input.Kind}, Content-Type '{input.ContentType?[..Math.Min(input.ContentType.Length, 80)]}'): {problem}");
            }
            else if (status is >= 200 and < 300)
            {
                foreach (var id in created(response, signedForm, body))
                {
                    createdIds[id] = true;
                }
            }
        });

        var sent = clock.Elapsed;
        output.WriteLine($"Sent in {sent.TotalSeconds:F1} s ({Count / sent.TotalSeconds:F0} requests/s at concurrency {Concurrency}).");
        foreach (var (key, count) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {count,6} x {key}");
        }

        output.WriteLine("Slowest: " + string.Join("; ", slowest.OrderByDescending(s => s.Took).Take(5).Select(s => $"{s.What} {s.Took.TotalMilliseconds:F0} ms")));
        Assert.True(findings.IsEmpty, $"{findings.Count} wrong answers (seed {Seed}), first ones:\n" + string.Join("\n", findings.Take(15)));
        var complaints = await SettledComplaintsAsync();
        output.WriteLine($"{complaints.Count} complaints created; settled {(clock.Elapsed - sent).TotalSeconds:F1} s later.");
        await AssertNothingHalfWrittenAsync(complaints, createdIds.Keys.ToHashSet(StringComparer.Ordinal));
        Assert.True(_log.Failures.Count == 0, $"{_log.Failures.Count} error logs or exceptions, first ones:\n" + string.Join("\n", _log.Failures.Take(10)));
    }

    private static async Task<(HttpRequestMessage Request, Dictionary<string, string>? SignedForm)> RequestAsync(string path, FuzzRequest input, bool sign)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(input.Body) };
        request.Content.Headers.Remove("Content-Type");
        if (input.ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", input.ContentType);
        }

        foreach (var (name, value) in input.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var body = new BufferedBody(input.Body, input.ContentType ?? string.Empty);
        if (!sign || !body.IsUrlEncodedForm)
        {
            return (request, null);
        }

        // Sign the fields as the app will read them, as Twilio signs what it sends, so the input reaches the parser.
        var (form, _) = await body.ReadFormAsync(CancellationToken.None);
        request.Headers.Add("X-Twilio-Signature", new TwilioSignatureValidator(AppHost.TwilioAuthToken).ComputeSignature(TwilioUrl, form));
        return (request, form);
    }

    /// <summary>What is wrong with an answer, or null: 5xx, a 4xx that is not problem+json naming the fault, an odd status.</summary>
    private static string? Problem(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (status >= 500)
        {
            return $"{status} {body[..Math.Min(body.Length, 300)]}";
        }

        if (status is >= 400 and < 500)
        {
            if (mediaType != "application/problem+json")
            {
                return $"{status} answered as '{mediaType}', not application/problem+json";
            }

            var problem = Json(body);
            return problem.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 }
                && problem.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 }
                ? null
                : $"{status} problem without a title and detail: {body}";
        }

        return status is >= 200 and < 300 ? null : $"unexpected {status}";
    }

    private static JsonElement Json(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private static IEnumerable<string> References(IEnumerable<JsonElement> accepted) =>
        accepted.Select(a => a.ValueKind == JsonValueKind.Object && a.TryGetProperty("reference", out var r) ? r.GetString() : null)
            .Select(r => ComplaintId.TryParse(r, out var id) ? id : null)
            .OfType<string>();

    /// <summary>Every complaint in the store once the queues are empty and each one has left Received.</summary>
    private async Task<List<Complaint>> SettledComplaintsAsync()
    {
        var queues = new QueueServiceClient(_host.Azurite.ConnectionString);
        async Task<List<Complaint>?> ProbeAsync()
        {
            foreach (var queue in new[] { QueueNames.Intake, QueueNames.Notifications })
            {
                if ((await queues.GetQueueClient(_host.Prefix + queue).GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
                {
                    return null;
                }
            }

            var complaints = new List<Complaint>();
            await foreach (var complaint in _host.Services.GetRequiredService<IComplaintCatalog>()
                .ReceivedBetweenAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None))
            {
                complaints.Add(complaint);
            }

            return complaints.All(c => c.Status != ComplaintStatus.Received) ? complaints : null;
        }

        return (await AppHost.EventuallyAsync(ProbeAsync, c => c is not null, "the intake and notification queues to drain", TimeSpan.FromMinutes(5)))!;
    }

    private async Task AssertNothingHalfWrittenAsync(List<Complaint> complaints, HashSet<string> createdIds)
    {
        var queues = new QueueServiceClient(_host.Azurite.ConnectionString);
        foreach (var poison in new[] { QueueNames.Intake, QueueNames.Notifications }.Select(q => queues.GetQueueClient($"{_host.Prefix}{q}-poison")))
        {
            Assert.False(await poison.ExistsAsync() && (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0, $"{poison.Name} holds messages");
        }

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var complaint in complaints)
        {
            Assert.True(createdIds.Contains(complaint.Id), $"Complaint {complaint.Id} was written for a request that was not answered 2xx with it.");
            var history = await _host.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, complaint.LastEventSequence), history.Select(e => e.Sequence));
            Assert.Equal(EventTypes.Received, history[0].Type);
            Assert.Contains(history, e => e.Type == EventTypes.Scored);
            Assert.NotNull(complaint.Triage);
            Assert.False(string.IsNullOrWhiteSpace(complaint.Text));
            referenced.UnionWith(new[] { complaint.RawPayload }.Concat(complaint.Replies.Select(r => r.RawPayload)).Concat(complaint.Attachments.Select(a => a.BlobName)).OfType<string>());
        }

        // Raw payloads are kept only for what was answered 2xx: a complaint, a quarantine entry, an ignored mail or text, or a keyword.
        var container = new BlobServiceClient(_host.Azurite.ConnectionString).GetBlobContainerClient($"{_host.Prefix}-raw-inbound");
        string[] keptWithoutComplaint = ["quarantine/", "email/ignored/", "sms/keywords/", "sms/ignored/"];
        var orphans = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            if (!referenced.Contains(blob.Name) && !keptWithoutComplaint.Any(p => blob.Name.StartsWith(p, StringComparison.Ordinal)))
            {
                orphans.Add(blob.Name);
            }
        }

        Assert.True(orphans.Count == 0, $"{orphans.Count} raw payloads belong to no complaint: {string.Join(", ", orphans.Take(5))}");
    }

    private static int IntSetting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
