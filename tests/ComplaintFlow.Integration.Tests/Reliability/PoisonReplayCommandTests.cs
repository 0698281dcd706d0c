using System.Text.Json;
using Azure.Storage.Queues;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Poison;
using ComplaintFlow.Functions.Poison;
using ComplaintFlow.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Integration.Tests.Reliability;

/// <summary>
/// <c>scripts/replay-poison.sh</c>'s command, run against the same storage as a running app: both poison queues,
/// messages parked with a reason and messages the host moved without one, dry run, one by id, all.
/// </summary>
public sealed class PoisonReplayCommandTests
{
    [Fact]
    public async Task The_replay_command_puts_poison_back_on_both_queues_and_replaying_work_already_done_sends_nothing_twice()
    {
        await using var host = await AppHost.StartAsync();
        var id = await ProviderFaultTests.SubmitAsync(host, new { email = "twice@example.com", text = "The engineer never came.", language = "en" });
        var complaint = await ProviderFaultTests.AcknowledgedAsync(host, id);
        var poison = host.Services.GetRequiredService<IPoisonQueues>();
        var storage = host.Services.GetRequiredService<StorageOptions>();
        var queues = host.Services.GetRequiredService<QueueServiceClient>();

        // A message Triage can never read is given up on after host.json's five deliveries, with its reason.
        await queues.GetQueueClient(storage.Queue(QueueNames.Intake)).SendMessageAsync("this is not a queue message");
        var unreadable = await AppHost.EventuallyAsync(
            async () => (await poison.ListAsync(QueueNames.Intake, CancellationToken.None)).FirstOrDefault(i => i.Reason is not null),
            i => i is not null,
            "the unreadable message parked in complaints-intake-poison",
            TimeSpan.FromSeconds(90));
        Assert.Equal("Triage", unreadable.Reason!.Function);
        Assert.Contains("Json", unreadable.Reason.Error, StringComparison.Ordinal);
        Assert.Equal(5, unreadable.Reason.Attempts);

        // Work already done, back in poison: an intake message as the host moves it (unchanged, no reason), and the
        // acknowledgement that was sent, parked as if its last delivery had failed after the provider took it.
        await queues.GetQueueClient(AzurePoisonQueues.PoisonOf(storage.Queue(QueueNames.Intake)))
            .SendMessageAsync(JsonSerializer.Serialize(new IntakeMessage(id), ComplaintJson.Options));
        await poison.ParkAsync(QueueNames.Notifications, ProviderFaultTests.NotificationJson(id, complaint.Notifications[0].Id), unreadable.Reason with { Function = "Notify" }, CancellationToken.None);
        var moved = Assert.Single(await poison.ListAsync(QueueNames.Intake, CancellationToken.None), i => i.ComplaintId == id);
        Assert.Null(moved.Reason);

        var dryRun = await RunAsync(host, "replay-poison", "notifications", "--dry-run");
        Assert.Equal(0, dryRun.Exit);
        Assert.Contains("Would replay 1 message(s) from notifications-poison", dryRun.Output, StringComparison.Ordinal);
        Assert.Single(await poison.ListAsync(QueueNames.Notifications, CancellationToken.None));

        var one = await RunAsync(host, "replay-poison", "complaints-intake", "--id", moved.Id);
        Assert.Equal(0, one.Exit);
        Assert.Contains(moved.Id, one.Output, StringComparison.Ordinal);
        Assert.Equal(unreadable.Id, Assert.Single(await poison.ListAsync(QueueNames.Intake, CancellationToken.None)).Id);

        var all = await RunAsync(host, "replay-poison", "notifications");
        Assert.Equal(0, all.Exit);
        Assert.Contains("Replayed 1 message(s) from notifications-poison to notifications.", all.Output, StringComparison.Ordinal);
        Assert.Empty(await poison.ListAsync(QueueNames.Notifications, CancellationToken.None));

        Assert.Equal(1, (await RunAsync(host, "replay-poison", "complaints-intake", "--id", "no-such-message")).Exit);
        Assert.Equal(2, (await RunAsync(host, "replay-poison", "escalations")).Exit);

        // Triage found the complaint scored and Notify found the notice sent: nothing happened twice.
        await ProviderFaultTests.AssertStillOnlyAsync(() => host.Mailbox.Emails.Count(e => e.CustomArgs.GetValueOrDefault("complaintId") == id), 1);
        var history = await host.Complaints.GetHistoryAsync(id, CancellationToken.None);
        Assert.Single(history, e => e.Type == EventTypes.Scored);
        Assert.Single(history, e => e.Type == EventTypes.Notified);
    }

    /// <summary>The command as Program.cs runs it, with the app's storage settings (what local.settings.json gives it).</summary>
    private static async Task<(int Exit, string Output)> RunAsync(AppHost host, params string[] args)
    {
        using var output = new StringWriter();
        var exit = await ReplayPoisonCommand.RunAsync(args, output, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ComplaintFlow:Storage:ConnectionString"] = host.Azurite.ConnectionString,
            ["ComplaintFlow:Storage:NamePrefix"] = host.Prefix,
        }).Build());
        return (exit, output.ToString());
    }
}
