using Azure.Data.Tables;
using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Reliability;

/// <summary>Writers that race each other on Azurite: the later state survives, whatever order the writes land in.</summary>
public sealed class LostUpdateTests
{
    private static readonly DateTimeOffset Received = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_text_recorded_late_never_points_the_sms_thread_back_at_an_older_complaint()
    {
        var threads = new TableSmsThreads(new TableClient((await Azurite.SharedAsync()).ConnectionString, Names.UniqueTable("SmsThreads")));
        await threads.RecordAsync("+8613800138000", new SmsThread("NEWER", Received.AddMinutes(5)), CancellationToken.None);
        await threads.RecordAsync("+8613800138000", new SmsThread("OLDER", Received), CancellationToken.None);
        Assert.Equal("NEWER", (await threads.FindAsync("+8613800138000", CancellationToken.None))!.ComplaintId);

        // Twelve texts recorded at once, in no particular order: the latest one is the thread.
        await Task.WhenAll(Enumerable.Range(0, 12).Reverse().Select(i =>
            Task.Run(() => threads.RecordAsync("+8613900139000", new SmsThread($"C{i:D2}", Received.AddMinutes(i)), CancellationToken.None))));
        var thread = (await threads.FindAsync("+8613900139000", CancellationToken.None))!;
        Assert.Equal(("C11", Received.AddMinutes(11)), (thread.ComplaintId, thread.LastTextAt));
    }
}
