using Azure.Storage.Queues;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Storage;

/// <summary>
/// The queue depths the on-call alerts are built on, read from Azurite: the approximate count includes messages
/// being worked on, the oldest age is the first message a receiver would get, and reading takes nothing away.
/// </summary>
public sealed class QueueWatchTests
{
    private static async Task<(AzureQueueWatch Watch, QueueClient Intake)> NewAsync()
    {
        var service = new QueueServiceClient((await Azurite.SharedAsync()).ConnectionString);
        var options = new StorageOptions { NamePrefix = Names.Unique("qw") + "-" };
        return (new AzureQueueWatch(service, options), service.GetQueueClient(options.Queue(QueueNames.Intake)));
    }

    [Fact]
    public async Task A_queue_not_created_yet_holds_nothing()
    {
        var (watch, _) = await NewAsync();

        var depth = await watch.MeasureAsync(QueueNames.Intake + "-poison", CancellationToken.None);

        Assert.Equal(0, depth.Messages);
        Assert.Null(depth.OldestVisibleSince);
    }

    [Fact]
    public async Task The_count_includes_a_message_being_worked_on_and_the_oldest_is_the_first_a_receiver_would_get()
    {
        var (watch, intake) = await NewAsync();
        await intake.CreateAsync();
        await intake.SendMessageAsync("first");
        var second = (await intake.SendMessageAsync("second")).Value;
        await intake.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromMinutes(5));

        // A worker takes the first message: it is hidden, not gone.
        var taken = (await intake.ReceiveMessageAsync(TimeSpan.FromMinutes(1))).Value;
        Assert.Equal("first", taken.Body.ToString());

        var depth = await watch.MeasureAsync(QueueNames.Intake, CancellationToken.None);

        Assert.Equal(3, depth.Messages);
        Assert.Equal(second.InsertionTime, depth.OldestVisibleSince);

        // Measuring hid nothing: the second message is still there for the next receiver.
        Assert.Equal("second", (await intake.ReceiveMessageAsync()).Value.Body.ToString());
    }
}
