using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;
using static ComplaintFlow.Core.Tests.Desk.DeskFixtures;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// The survey asks how we handled a complaint, so it must never arrive before our answer: it is asked for when the
/// resolution is sent (<see cref="Notify.Notices.AfterSent"/>), not queued beside it, where a failed or slow
/// resolution let it go first. "Resolve and send" shows the letter that is then sent (<see cref="LetterPreview"/>).
/// </summary>
public sealed class ResolutionBeforeSurveyTests
{
    private readonly FakeTimeProvider _time = new(Received);
    private readonly InMemoryPipeline _pipeline;

    public ResolutionBeforeSurveyTests() => _pipeline = new InMemoryPipeline(_time);

    private static readonly ResolutionInput Answer = new("We refunded the double charge.", "our-error", "Billing rule corrected.");

    private async Task<string> ResolvedAsync()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.")).Complaint.Id;
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();
        var read = (await _pipeline.Complaints.FindAsync(id, CancellationToken.None))!;
        var last = (await _pipeline.HistoryAsync(id)).Max(e => e.Sequence).ToString(CultureInfo.InvariantCulture);
        _time.Advance(TimeSpan.FromHours(3));
        var result = await _pipeline.DeskActions.RunAsync(id, read.Version, last, Agent, (c, s, now) => _pipeline.Desk.Resolve(c, s, Answer, "tok", now), null, CancellationToken.None);
        Assert.Equal(DeskActionOutcome.Done, result.Outcome);
        return id;
    }

    private IEnumerable<string> SentKinds() =>
        _pipeline.Email.Sent.Select(e => e.Tags["notificationId"].Split('-')[^3]);

    [Fact]
    public async Task The_survey_is_not_sent_while_the_resolution_email_is_failing_and_follows_it_once_it_is_sent()
    {
        var id = await ResolvedAsync();
        Assert.DoesNotContain((await _pipeline.ComplaintAsync(id)).Notifications, n => n.Kind == NotificationKind.Survey);

        _pipeline.Email.FailNext(new HttpRequestException("503 from the provider"));
        await Assert.ThrowsAsync<AggregateException>(() => _pipeline.RunNotifyAsync());
        Assert.Equal(["acknowledgement"], SentKinds());

        _time.Advance(TimeSpan.FromMinutes(1));
        await _pipeline.RunNotifyAsync();

        Assert.Equal(["acknowledgement", "resolution", "survey"], SentKinds());
        var survey = (await _pipeline.ComplaintAsync(id)).Notifications.Single(n => n.Kind == NotificationKind.Survey);
        Assert.Equal(NotificationStatus.Sent, survey.Status);
    }

    [Fact]
    public async Task A_resolution_message_delivered_again_asks_for_one_survey_and_queues_one_left_behind()
    {
        var id = await ResolvedAsync();
        var resolution = _pipeline.Queue.Peek<NotificationMessage>(QueueNames.Notifications).Single();

        await _pipeline.Notify.HandleAsync(resolution, CancellationToken.None);
        // The survey was asked for and queued; lose that queue message, as a crash after the save would.
        await _pipeline.Queue.DeliverAsync<NotificationMessage>(QueueNames.Notifications, m => m.NotificationId == resolution.NotificationId
            ? _pipeline.Notify.HandleAsync(m, CancellationToken.None)
            : Task.CompletedTask);
        Assert.Equal(["acknowledgement", "resolution"], SentKinds());

        await _pipeline.Notify.HandleAsync(resolution, CancellationToken.None); // the resolution's message again
        await _pipeline.RunNotifyAsync(deliveries: 2);

        Assert.Equal(["acknowledgement", "resolution", "survey"], SentKinds());
        Assert.Single((await _pipeline.ComplaintAsync(id)).Notifications, n => n.Kind == NotificationKind.Survey);
    }

    [Fact]
    public async Task The_preview_of_resolve_and_send_is_the_email_the_customer_gets()
    {
        var id = (await _pipeline.SubmitAsync("key-1", "My bill doubled without notice.", language: SupportedLanguages.TraditionalChinese)).Complaint.Id;
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();
        var read = (await _pipeline.Complaints.FindAsync(id, CancellationToken.None))!;
        var last = (await _pipeline.HistoryAsync(id)).Max(e => e.Sequence).ToString(CultureInfo.InvariantCulture);

        var preview = _pipeline.LetterPreview.Resolution(read.Complaint, Agent, Answer, _time.GetUtcNow());
        await _pipeline.DeskActions.RunAsync(id, read.Version, last, Agent, (c, s, now) => _pipeline.Desk.Resolve(c, s, Answer, "tok", now), null, CancellationToken.None);
        await _pipeline.RunNotifyAsync();

        var letter = Assert.Single(preview);
        var sent = _pipeline.Email.Sent.Single(e => e.Tags["notificationId"].Contains("-resolution-", StringComparison.Ordinal));
        Assert.Equal(("resolution", "email", "li.lei@example.com"), (letter.Kind, letter.Channel, letter.To));
        Assert.Equal((sent.Subject, sent.Text), (letter.Subject, letter.Text));
        Assert.Contains("關於您投訴的處理答覆", letter.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void A_preview_of_an_incomplete_resolution_is_refused_as_resolving_would_be_and_nothing_is_written()
    {
        var complaint = OpenComplaint();
        var writes = _pipeline.Store.Writes;

        var refusal = Assert.Throws<DeskRefusal>(() => _pipeline.LetterPreview.Resolution(complaint, Agent, new ResolutionInput(" ", "nonsense", null), Received));

        Assert.Equal(["resolution", "rootCause"], refusal.Errors.Select(e => e.Field));
        Assert.Equal(writes, _pipeline.Store.Writes);
    }
}
