using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Functions;

/// <summary>
/// The function app is its own process, started and driven over gRPC by the Functions host: killing it mid-run loses
/// nothing. The host starts a new worker, the messages the dead one held come back when their lease lapses, and
/// every accepted complaint is acknowledged exactly once.
/// </summary>
public sealed class WorkerProcessTests
{
    [Fact]
    public async Task Worker_killed_mid_run_is_restarted_by_the_host_and_every_accepted_complaint_is_acknowledged_once()
    {
        // Short leases so what the killed worker held comes back in seconds: its queue messages, and the claim on a
        // notice it was sending (by default a claim lasts 2 minutes, longer than this test waits).
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?>
        {
            ["Hosting:MessageLease"] = "00:00:04",
            ["ComplaintFlow:Notify:ClaimLease"] = "00:00:20",
            // The claim must outlast the slowest send (4 attempts of 2 s plus back-off), as in the reliability runs.
            ["ComplaintFlow:SendGrid:Timeout"] = "00:00:02",
        });
        var firstWorker = host.Functions.WorkerProcessId;
        Assert.NotEqual(Environment.ProcessId, firstWorker);
        Assert.Contains("ComplaintFlow.Functions.dll", await File.ReadAllTextAsync($"/proc/{firstWorker}/cmdline"), StringComparison.Ordinal);
        Assert.Contains("Triage", host.Functions.Functions);

        var ids = new List<string>();
        var killedAt = DateTimeOffset.MaxValue;
        for (var i = 0; i < 12; i++)
        {
            if (i == 6)
            {
                killedAt = DateTimeOffset.UtcNow;
                host.Functions.KillWorker();
            }

            var response = await SubmitUntilAcceptedAsync(host, i);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        foreach (var id in ids)
        {
            await AppHost.EventuallyAsync(
                async () => await host.Complaints.GetHistoryAsync(id, CancellationToken.None),
                h => h?.Any(e => e.Type == EventTypes.Notified) == true,
                $"the acknowledgement of {id}",
                TimeSpan.FromSeconds(90));
        }

        Assert.True(host.Functions.WorkerStarts >= 2, $"the worker was started {host.Functions.WorkerStarts} time(s)");
        Assert.NotEqual(firstWorker, host.Functions.WorkerProcessId);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(firstWorker));
        // Once each. The one documented exception: a notice the killed worker had handed to SendGrid but not yet
        // recorded as sent goes again once its claim lapses, so a second copy is allowed only where the first left
        // before the kill (a slow machine stretches that window, it does not open another).
        for (var i = 0; i < ids.Count; i++)
        {
            var copies = host.Mailbox.Emails.Where(e => e.CustomArgs.GetValueOrDefault("complaintId") == ids[i]).OrderBy(e => e.ReceivedAt).ToList();
            Assert.True(copies.Count == 1 || (copies.Count == 2 && i < 6 && copies[0].ReceivedAt <= killedAt.AddSeconds(1)),
                $"complaint {i}: {copies.Count} acknowledgements at {string.Join(", ", copies.Select(c => c.ReceivedAt.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}, worker killed at {killedAt:HH:mm:ss.fff}");
        }
    }

    /// <summary>
    /// While no worker runs, the host answers 5xx and the form retries with the same idempotency key, as a browser
    /// (or SendGrid, or Twilio) would: the complaint is recorded once whichever attempt gets through.
    /// </summary>
    private static async Task<HttpResponseMessage> SubmitUntilAcceptedAsync(AppHost host, int i)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await host.SubmitAsync(new { email = $"restart-{i}@example.com", text = $"Complaint {i}: the meter reading on my bill is wrong again." }, $"restart-{i}");
            if (response.StatusCode == HttpStatusCode.Accepted || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                return response;
            }

            await Task.Delay(200);
        }
    }
}
