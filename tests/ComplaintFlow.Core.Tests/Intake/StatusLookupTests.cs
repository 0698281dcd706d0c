using System.Net;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>The status lookup is no oracle for references, and guesses at a contact are few.</summary>
public sealed class StatusLookupTests
{
    private static readonly IPAddress Client = IPAddress.Parse("198.51.100.7");

    private static readonly Complaint Complaint = new()
    {
        Id = ComplaintId.FromSource(Channel.Web, "status-key"),
        Channel = Channel.Web,
        ReceivedAt = DateTimeOffset.UnixEpoch,
        Contact = new ContactDetails { Email = "li@example.com", Phone = "+8613800138000" },
        Text = "My bill doubled.",
        Language = "en",
        SourceMessageId = "status-key",
    };

    /// <summary>The in-memory store, counting reads: a lookup that skips the store for some references is timed apart.</summary>
    private sealed class CountingStore(IComplaintStore inner) : IComplaintStore
    {
        public List<string> Reads { get; } = [];
        public Task<bool> TryCreateAsync(ComplaintChange change, CancellationToken cancellationToken) => inner.TryCreateAsync(change, cancellationToken);

        public Task<VersionedComplaint?> FindAsync(string id, CancellationToken cancellationToken)
        {
            Reads.Add(id);
            return inner.FindAsync(id, cancellationToken);
        }

        public Task<VersionedComplaint> SaveAsync(ComplaintChange change, string expectedVersion, CancellationToken cancellationToken) => inner.SaveAsync(change, expectedVersion, cancellationToken);
        public Task<IReadOnlyList<ComplaintEvent>> GetHistoryAsync(string id, CancellationToken cancellationToken) => inner.GetHistoryAsync(id, cancellationToken);
    }

    private static async Task<CountingStore> SeededAsync()
    {
        var store = new CountingStore(new InMemoryComplaintStore());
        await store.TryCreateAsync(Complaint.Change(Complaint.ReceivedAt), CancellationToken.None);
        return store;
    }

    [Theory]
    [InlineData("li@example.com")]
    [InlineData("LI@example.com")]
    [InlineData("+86 138 0013 8000")]
    [InlineData("13800138000")]
    public async Task The_contact_given_in_any_usual_form_finds_the_complaint(string contact)
    {
        using var lookup = new StatusLookup(await SeededAsync(), new StatusRateLimitOptions());

        var result = await lookup.LookUpAsync(Complaint.Reference, contact, Client, CancellationToken.None);

        Assert.Equal(StatusLookupOutcome.Found, result.Outcome);
        Assert.Equal(Complaint.Reference, result.Status!.Reference);
    }

    [Fact]
    public async Task An_unknown_reference_a_wrong_contact_and_garbage_get_one_answer_after_the_same_store_read()
    {
        var store = await SeededAsync();
        using var lookup = new StatusLookup(store, new StatusRateLimitOptions());
        var unknown = ComplaintId.ToReference(ComplaintId.FromSource(Channel.Web, "never-submitted"));

        var answers = new[]
        {
            await lookup.LookUpAsync(Complaint.Reference, "mallory@evil.example", Client, CancellationToken.None),
            await lookup.LookUpAsync(unknown, "li@example.com", Client, CancellationToken.None),
            await lookup.LookUpAsync("not a reference", "li@example.com", Client, CancellationToken.None),
            await lookup.LookUpAsync(Complaint.Reference, "", Client, CancellationToken.None),
        };

        Assert.All(answers, a => Assert.Equal(new StatusLookupResult(StatusLookupOutcome.NotFound), a));
        Assert.Equal(4, store.Reads.Count);
    }

    [Fact]
    public async Task One_reference_is_looked_up_only_so_often_from_any_address()
    {
        using var lookup = new StatusLookup(await SeededAsync(), new StatusRateLimitOptions { PerClient = 100, PerReference = 3 });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(StatusLookupOutcome.NotFound, (await lookup.LookUpAsync(Complaint.Reference, $"guess{i}@example.com", IPAddress.Parse($"203.0.113.{i + 1}"), CancellationToken.None)).Outcome);
        }

        var limited = await lookup.LookUpAsync(Complaint.Reference, "li@example.com", IPAddress.Parse("203.0.113.99"), CancellationToken.None);
        Assert.Equal(StatusLookupOutcome.RateLimited, limited.Outcome);
        Assert.True(limited.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task One_client_looks_up_only_so_many_references()
    {
        using var lookup = new StatusLookup(await SeededAsync(), new StatusRateLimitOptions { PerClient = 2, PerReference = 100 });

        await lookup.LookUpAsync(ComplaintId.ToReference(ComplaintId.FromSource(Channel.Web, "a")), "x@example.com", Client, CancellationToken.None);
        await lookup.LookUpAsync(ComplaintId.ToReference(ComplaintId.FromSource(Channel.Web, "b")), "x@example.com", Client, CancellationToken.None);

        Assert.Equal(StatusLookupOutcome.RateLimited, (await lookup.LookUpAsync(Complaint.Reference, "li@example.com", Client, CancellationToken.None)).Outcome);
        Assert.Equal(StatusLookupOutcome.Found, (await lookup.LookUpAsync(Complaint.Reference, "li@example.com", IPAddress.Parse("198.51.100.8"), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_not_found_answer_waits_for_the_floor_whether_the_reference_exists_or_not()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var lookup = new StatusLookup(await SeededAsync(), new StatusRateLimitOptions(), time: time);
        var unknown = ComplaintId.ToReference(ComplaintId.FromSource(Channel.Web, "never-submitted"));

        var wrongContact = lookup.LookUpAsync(Complaint.Reference, "mallory@evil.example", Client, CancellationToken.None);
        var unknownReference = lookup.LookUpAsync(unknown, "li@example.com", Client, CancellationToken.None);
        var found = lookup.LookUpAsync(Complaint.Reference, "li@example.com", Client, CancellationToken.None);

        // The genuine lookup is answered with no time passing; the two not-found answers are held until the floor.
        Assert.Equal(StatusLookupOutcome.Found, (await found).Outcome);
        time.Advance(StatusLookup.NotFoundFloor - TimeSpan.FromMilliseconds(1));
        Assert.False(wrongContact.IsCompleted);
        Assert.False(unknownReference.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(StatusLookupOutcome.NotFound, (await wrongContact).Outcome);
        Assert.Equal(StatusLookupOutcome.NotFound, (await unknownReference).Outcome);
    }
}
