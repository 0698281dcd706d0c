using System.Text;

namespace ComplaintFlow.Hosting.Tests;

/// <summary>Queue triggers with the Functions queue trigger's semantics, on Azurite.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class QueueTriggerTests(SharedHostFixture fixture)
{
    private TestWorkerHost Worker => fixture.Worker;

    [Fact]
    public async Task Message_is_base64_decoded_and_delivered_with_its_dequeue_count_id_and_insertion_time()
    {
        var text = "plain text é " + Guid.NewGuid();
        var id = await Worker.SendAsync("record", text);

        var record = Assert.Single(await Worker.WaitForAsync("record", r => r.Any(i => i.Message == text)), i => i.Message == text);
        Assert.Equal("1", record.DequeueCount);
        Assert.Equal(id, record.Id);
        Assert.NotNull(record.InsertionTime);
        Assert.Equal(Worker.Host.WorkerProcessId, record.ProcessId);
    }

    [Fact]
    public async Task Json_looking_message_reaches_a_string_parameter_unchanged()
    {
        var text = $$"""{"complaintId":"{{Guid.NewGuid()}}","items":[1,2]}""";
        await Worker.SendAsync("record", text);

        await Worker.WaitForAsync("record", r => r.Any(i => i.Message == text));
    }

    [Fact]
    public async Task Message_failing_once_is_retried_and_then_deleted()
    {
        var text = "flaky " + Guid.NewGuid();
        await Worker.SendAsync("flaky", text);

        var attempts = await Worker.WaitForAsync("flaky", r => r.Count(i => i.Message == text) >= 2);
        Assert.Equal(["1", "2"], attempts.Where(i => i.Message == text).Select(i => i.DequeueCount));
        await Eventually(async () => (await Worker.Queue("flaky").PeekMessagesAsync(32)).Value.Length == 0);
    }

    [Fact]
    public async Task Message_failing_every_time_moves_to_the_poison_queue_with_its_content_intact_after_max_dequeue_count()
    {
        var text = "always fails " + Guid.NewGuid();
        var sent = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        await Worker.Queue("fail").SendMessageAsync(sent);

        var poison = Worker.Queue("fail-poison");
        await Eventually(async () => await poison.ExistsAsync() && (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == sent));

        // host.json maxDequeueCount is 3: three attempts, then poison, and nothing left on the queue.
        Assert.Equal(["1", "2", "3"], Worker.Invocations("fail").Where(i => i.Message == text).Select(i => i.DequeueCount));
        Assert.DoesNotContain((await Worker.Queue("fail").PeekMessagesAsync(32)).Value, m => m.Body.ToString() == sent);
    }

    [Fact]
    public async Task Message_that_is_not_base64_goes_straight_to_poison_unchanged()
    {
        var raw = "not base64 at all! " + Guid.NewGuid();
        await Worker.Queue("record").SendMessageAsync(raw);

        var poison = Worker.Queue("record-poison");
        await Eventually(async () => await poison.ExistsAsync() && (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == raw));
        Assert.DoesNotContain(Worker.Invocations("record"), i => i.Message.Contains(raw, StringComparison.Ordinal));
    }

    internal static async Task Eventually(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(100);
        }
    }
}
