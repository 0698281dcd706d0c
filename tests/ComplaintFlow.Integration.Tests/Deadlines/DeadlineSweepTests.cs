using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Integration.Tests.Deadlines;

/// <summary>Nothing goes overdue unnoticed: the sweep warns, escalates tier by tier, and sends holding notices, once.</summary>
public sealed class DeadlineSweepTests
{
    // The app keeps real time (its HTTP retries and queue polling must run); the sweep under test gets the fake clock.
    private static async Task<(AppHost Host, FakeTimeProvider Time)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var host = await AppHost.StartAsync(settings);
        return (host, new FakeTimeProvider(host.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
    }

    private static DeadlineSweep SweepAt(AppHost host, FakeTimeProvider time) => new(
        host.Services.GetRequiredService<IDeadlineIndex>(),
        host.Services.GetRequiredService<IComplaintStore>(),
        host.Services.GetRequiredService<DeadlineSweepPolicy>(),
        host.Services.GetRequiredService<DeadlineOptions>(),
        host.Services.GetRequiredService<Notices>(),
        time);

    private static async Task<Complaint> SubmitAndAwaitAcknowledgementAsync(AppHost host, object body)
    {
        var accepted = await (await host.SubmitAsync(body)).Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        return (await AppHost.EventuallyAsync(
            async () => (await host.Complaints.FindAsync(id, CancellationToken.None))?.Complaint,
            c => c?.AcknowledgedAt is not null,
            "the acknowledgement"))!;
    }

    [Fact]
    public async Task Overdue_complaint_is_escalated_to_the_supervisors_once_even_when_two_sweeps_run_at_once()
    {
        var (host, time) = await StartAsync();
        await using var _ = host;
        var complaint = await SubmitAndAwaitAcknowledgementAsync(host, new { email = "late@example.com", text = "网速很慢，希望尽快处理。" });
        var resolve = complaint.Deadlines.Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == DeadlineKinds.Resolve);
        time.SetUtcNow(resolve.DueAt.AddMinutes(1));
        // Four sweeps as four app instances would run them (their own sweep objects), all started before any finishes.
        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SweepAt(host, time).RunAsync(CancellationToken.None))));

        var history = await host.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None);
        var escalations = history.Where(e => e.Type == EventTypes.Escalated && e.Data["deadline"] == DeadlineKinds.Resolve && e.Data["clock"] == "internal").ToList();
        Assert.Equal("1", Assert.Single(escalations).Data["tier"]);
        Assert.Equal("supervisors@complaintflow.local", escalations[0].Data["to"]);
        Assert.True(reports.Sum(r => r.Escalated) >= 1);
        var alerts = await AppHost.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<Fakes.SendGrid.ReceivedEmail>?>(host.Mailbox.Emails
                .Where(e => e.CustomArgs.GetValueOrDefault("complaintId") == complaint.Id && e.To.Contains("supervisors@complaintflow.local") && e.Subject.Contains("OVERDUE", StringComparison.Ordinal) && e.Subject.Contains(DeadlineKinds.Resolve, StringComparison.Ordinal)).ToList()),
            l => l is { Count: > 0 },
            "the escalation notice");
        await Task.Delay(TimeSpan.FromSeconds(6)); // past host.json's visibilityTimeout: a duplicate notice would be here by now
        alerts = [.. host.Mailbox.Emails.Where(e => e.CustomArgs.GetValueOrDefault("complaintId") == complaint.Id && e.Subject.Contains("OVERDUE", StringComparison.Ordinal) && e.Subject.Contains(DeadlineKinds.Resolve, StringComparison.Ordinal))];
        Assert.Single(alerts);
        Assert.Contains(complaint.Reference, alerts[0].Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("网速很慢", alerts[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalation_moves_to_the_head_of_service_after_the_interval_and_a_warning_precedes_the_breach()
    {
        var (host, time) = await StartAsync();
        await using var _ = host;
        var complaint = await SubmitAndAwaitAcknowledgementAsync(host, new { email = "tiers@example.com", text = "The invoice charges me twice for the same month." });
        var resolve = complaint.Deadlines.Single(d => d.Clock == DeadlineKinds.InternalClock && d.Kind == DeadlineKinds.Resolve);
        var sweep = SweepAt(host, time);

        time.SetUtcNow(resolve.StartedAt + (resolve.Window * 0.8));
        await sweep.RunAsync(CancellationToken.None);
        time.SetUtcNow(resolve.DueAt.AddMinutes(1));
        await sweep.RunAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(4));
        await sweep.RunAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(4));
        await sweep.RunAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(4));
        await sweep.RunAsync(CancellationToken.None);

        var history = await host.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None);
        var onResolve = history.Where(e => e.Data.GetValueOrDefault("deadline") == DeadlineKinds.Resolve && e.Data.GetValueOrDefault("clock") == "internal").ToList();
        Assert.Equal([EventTypes.Warned, EventTypes.Escalated, EventTypes.Escalated, EventTypes.Escalated], onResolve.Select(e => e.Type));
        Assert.Equal(["owner", "team-supervisor", "head-of-service"], onResolve.Skip(1).Select(e => e.Data["tierName"]));
        Assert.Equal("head-of-service@complaintflow.local", onResolve[^1].Data["to"]);
    }

    [Fact]
    public async Task Resolved_complaints_rows_are_removed_as_stale_and_the_sweep_reads_only_what_is_due()
    {
        var (host, time) = await StartAsync();
        await using var _ = host;
        var complaint = await SubmitAndAwaitAcknowledgementAsync(host, new { email = "done@example.com", text = "Broken router replaced late." });
        var index = host.Services.GetRequiredService<IDeadlineIndex>();
        // Simulate a row left behind by a crash: the complaint moves on without the index seeing it.
        var stale = (await index.AllOpenAsync(CancellationToken.None).ToListAsync()).First(e => e.ComplaintId == complaint.Id);
        await index.AddAsync([stale with { DueAt = stale.DueAt.AddMinutes(-30) }], CancellationToken.None);

        time.SetUtcNow(stale.DueAt);
        var report = await SweepAt(host, time).RunAsync(CancellationToken.None);

        Assert.True(report.StaleRemoved >= 1);
        var left = await index.AllOpenAsync(CancellationToken.None).ToListAsync();
        var current = (await host.Complaints.FindAsync(complaint.Id, CancellationToken.None))!.Complaint;
        Assert.All(left.Where(e => e.ComplaintId == complaint.Id), e => Assert.True(e.IsCurrentFor(current)));
    }

    [Fact]
    public async Task Customer_gets_one_holding_notice_with_referral_rights_before_the_fca_eight_weeks_pass_even_when_two_sweeps_run_at_once()
    {
        var policy = JsonNode.Parse(File.ReadAllText(PolicyFile()))!.AsObject();
        policy["defaultProfiles"] = new JsonArray("fca-disp");
        var path = Path.Combine(Directory.CreateTempSubdirectory("cf-policy-").FullName, "policy.json");
        await File.WriteAllTextAsync(path, policy.ToJsonString());
        var (host, time) = await StartAsync(new Dictionary<string, string?> { ["ComplaintFlow:Deadlines:PolicyPath"] = path });
        await using var _ = host;
        var complaint = await SubmitAndAwaitAcknowledgementAsync(host, new { email = "fca@example.co.uk", text = "My savings transfer has been stuck for weeks.", language = "en" });
        var final = complaint.Deadlines.Single(d => d.Clock == "fca-disp" && d.Kind == "final-response");

        time.SetUtcNow(final.DueAt.AddDays(-7));
        await Task.WhenAll(Task.Run(() => SweepAt(host, time).RunAsync(CancellationToken.None)), Task.Run(() => SweepAt(host, time).RunAsync(CancellationToken.None)));
        await SweepAt(host, time).RunAsync(CancellationToken.None);

        var notices = await AppHost.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<Fakes.SendGrid.ReceivedEmail>?>(host.Mailbox.Emails
                .Where(e => e.To.Contains("fca@example.co.uk") && e.Subject.Contains("An update on your complaint", StringComparison.Ordinal)).ToList()),
            l => l is { Count: > 0 },
            "the holding notice");
        await Task.Delay(TimeSpan.FromSeconds(6)); // past host.json's visibilityTimeout: a duplicate notice would be here by now
        notices = [.. host.Mailbox.Emails.Where(e => e.To.Contains("fca@example.co.uk") && e.Subject.Contains("An update on your complaint", StringComparison.Ordinal))];
        Assert.Single(notices);
        Assert.Contains("Financial Ombudsman Service", notices[0].Text, StringComparison.Ordinal);
        Assert.Single(await host.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None), e => e.Type == EventTypes.HoldingNotice);
    }

    private static string PolicyFile() => Path.Combine(Azurite.RepositoryRoot(), "shared", "ComplaintFlow.Core", "Deadlines", "Data", "deadline-policy.json");
}
