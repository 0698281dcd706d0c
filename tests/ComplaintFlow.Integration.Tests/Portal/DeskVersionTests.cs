using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Functions.Portal;

namespace ComplaintFlow.Integration.Tests.Portal;

/// <summary>A staff page goes stale when a person changed the complaint, not when the pipeline sent a notice.</summary>
public sealed class DeskVersionTests
{
    private static readonly DateTimeOffset At = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    private static ComplaintEvent Event(int sequence, string type, string actor) => new() { Sequence = sequence, Type = type, At = At, Actor = actor };

    private static Complaint WithLast(int sequence) => new()
    {
        Id = "ABCDEFGHJK",
        Channel = Channel.Web,
        ReceivedAt = At,
        Contact = new ContactDetails { Email = "a@example.com" },
        Text = "t",
        Language = "en",
        SourceMessageId = "s",
        LastEventSequence = sequence,
    };

    [Fact]
    public void Page_that_saw_the_scoring_is_still_current_after_the_acknowledgement_was_sent()
    {
        var history = new[] { Event(1, EventTypes.Received, Actors.Customer), Event(2, EventTypes.Scored, Actors.System), Event(3, EventTypes.Notified, Actors.System) };

        Assert.True(DeskVersion.TryParse(DeskVersion.Of(WithLast(2)), out var seen));
        Assert.True(DeskVersion.NothingStaffRelevantSince(seen, WithLast(3), history));
    }

    [Fact]
    public void Page_is_stale_once_a_colleague_assigned_or_noted_the_complaint()
    {
        var history = new[] { Event(1, EventTypes.Received, Actors.Customer), Event(2, EventTypes.Scored, Actors.System), Event(3, EventTypes.Assigned, "bo@desk.example") };

        Assert.False(DeskVersion.NothingStaffRelevantSince(2, WithLast(3), history));
        Assert.False(DeskVersion.TryParse("W/\"0x8D\"", out _));
    }
}
