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
        Assert.Equal("NEWER", (await threads.FindAsync("+8613800138000", CancellationToken.None))!.Thread.ComplaintId);

        // Twelve texts recorded at once, in no particular order: the latest one is the thread.
        await Task.WhenAll(Enumerable.Range(0, 12).Reverse().Select(i =>
            Task.Run(() => threads.RecordAsync("+8613900139000", new SmsThread($"C{i:D2}", Received.AddMinutes(i)), CancellationToken.None))));
        var thread = (await threads.FindAsync("+8613900139000", CancellationToken.None))!.Thread;
        Assert.Equal(("C11", Received.AddMinutes(11)), (thread.ComplaintId, thread.LastTextAt));
    }

    [Fact]
    public async Task Of_texts_claiming_a_numbers_thread_at_once_exactly_one_wins()
    {
        var threads = new TableSmsThreads(new TableClient((await Azurite.SharedAsync()).ConnectionString, Names.UniqueTable("SmsThreads")));

        // Twelve parts of one long text, each claiming the empty thread for its own complaint; then again over a thread read.
        var first = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => threads.TryClaimAsync("+8613700137000", new SmsThread($"C{i:D2}", Received), null, CancellationToken.None))));
        var read = (await threads.FindAsync("+8613700137000", CancellationToken.None))!;
        var over = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => threads.TryClaimAsync("+8613700137000", new SmsThread($"D{i:D2}", Received.AddHours(1)), read.Version, CancellationToken.None))));

        Assert.Single(first, won => won);
        Assert.Equal($"C{Array.IndexOf(first, true):D2}", read.Thread.ComplaintId);
        Assert.Single(over, won => won);
        Assert.Equal($"D{Array.IndexOf(over, true):D2}", (await threads.FindAsync("+8613700137000", CancellationToken.None))!.Thread.ComplaintId);
    }
}
