using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Reliability;

/// <summary>Writers that race each other on Azurite: the later state survives, whatever order the writes land in.</summary>
public sealed class LostUpdateTests
{
    private static readonly DateTimeOffset Received = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_save_that_loses_an_etag_race_leaves_the_deadline_index_showing_the_winners_owner()
    {
        var service = new TableServiceClient((await Azurite.SharedAsync()).ConnectionString);
        var complaintsTable = service.GetTableClient(Names.UniqueTable("Complaints"));
        var deadlinesTable = service.GetTableClient(Names.UniqueTable("Deadlines"));
        await complaintsTable.CreateIfNotExistsAsync();
        await deadlinesTable.CreateIfNotExistsAsync();
        var index = new TableDeadlineIndex(deadlinesTable);
        var store = new IndexedComplaintStore(new TableComplaintStore(complaintsTable), index);
        var complaint = new Complaint
        {
            Id = ComplaintId.FromSource(Channel.Email, "race"),
            Channel = Channel.Email,
            ReceivedAt = Received,
            Contact = new ContactDetails { Email = "race@example.com" },
            Text = "race",
            Language = "en",
            SourceMessageId = "race",
            Status = ComplaintStatus.Open,
            Deadlines = [new Deadline { Kind = DeadlineKinds.Resolve, Clock = DeadlineKinds.InternalClock, StartedAt = Received, DueAt = Received.AddDays(10) }],
        };
        await store.TryCreateAsync(complaint.Change(Received), CancellationToken.None);
        var read = (await store.FindAsync(complaint.Id, CancellationToken.None))!;

        // Two writers decided on the same read; the second writes its index rows, then loses on the ETag.
        await store.SaveAsync(read.Complaint.Change(Received.AddHours(1)).Apply(c => c with { Owner = "amy@desk.example" }), read.Version, CancellationToken.None);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.SaveAsync(read.Complaint.Change(Received.AddHours(1)).Apply(c => c with { Owner = "bob@desk.example" }), read.Version, CancellationToken.None));

        var row = Assert.Single(await index.AllOpenAsync(CancellationToken.None).ToListAsync());
        Assert.Equal("amy@desk.example", row.Owner);
    }

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
