using System.Net;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>
/// The public web form's rules (<see cref="WebFormIntake"/>) over the in-memory adapters: a refused submission writes
/// and sends nothing, and a browser retrying a complaint already recorded is told it is recorded, limit or not.
/// </summary>
public sealed class WebFormIntakeTests : IDisposable
{
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");
    private readonly InMemoryPipeline _pipeline = new(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero)));
    private readonly SubmissionRateLimiter _limiter = new(new IntakeRateLimitOptions { PerIp = 20, PerContact = 2 });
    private readonly WebFormIntake _form;

    public WebFormIntakeTests() => _form = new WebFormIntake(_pipeline.Intake, _pipeline.Complaints, _limiter, _pipeline.IntakeOptions, _pipeline.Time);

    public void Dispose() => _limiter.Dispose();

    private static ComplaintSubmission Submission(string text = "My bill doubled without notice.", string? email = "li.lei@example.com") =>
        new() { Name = "Li Lei", Email = email, Text = text, Language = "en" };

    private Task<WebFormResult> SubmitAsync(ComplaintSubmission submission, string? key) =>
        _form.SubmitAsync(submission, key, "en", Client, new RawPayload(System.Text.Encoding.UTF8.GetBytes(submission.Text ?? ""), "application/json", "json"), null, CancellationToken.None);

    private void AssertNothingWritten()
    {
        Assert.Empty(_pipeline.Store.All());
        Assert.Empty(_pipeline.Raw.Names);
        Assert.Equal(0, _pipeline.Queue.Count(QueueNames.Intake));
    }

    [Theory]
    [InlineData("")]
    [InlineData("key\u0007bell")]
    [InlineData("a-key-far-too-long-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task An_unusable_idempotency_key_is_refused_and_nothing_is_written(string key)
    {
        var result = await SubmitAsync(Submission(), key);

        Assert.Equal(WebFormOutcome.InvalidKey, result.Outcome);
        AssertNothingWritten();
    }

    [Fact]
    public async Task A_submission_without_text_or_contact_names_both_fields_and_writes_nothing()
    {
        var result = await SubmitAsync(Submission(text: " ", email: null), "key-1");

        Assert.Equal(WebFormOutcome.Invalid, result.Outcome);
        Assert.Equal(["contact", "text"], result.Errors.Select(e => e.Field).Order());
        AssertNothingWritten();
    }

    [Fact]
    public async Task Over_the_contacts_limit_a_new_complaint_is_refused_with_a_wait_and_nothing_is_written()
    {
        await SubmitAsync(Submission("First complaint about my bill."), "key-1");
        await SubmitAsync(Submission("Second complaint about my bill."), "key-2");
        var before = (_pipeline.Store.All().Count, _pipeline.Raw.Names.Count, _pipeline.Queue.Count(QueueNames.Intake));

        var result = await SubmitAsync(Submission("Third complaint about my bill."), "key-3");

        Assert.Equal(WebFormOutcome.RateLimited, result.Outcome);
        Assert.True(result.RetryAfter > TimeSpan.Zero);
        Assert.Equal(before, (_pipeline.Store.All().Count, _pipeline.Raw.Names.Count, _pipeline.Queue.Count(QueueNames.Intake)));
    }

    [Fact]
    public async Task A_retry_of_a_recorded_complaint_is_answered_as_its_duplicate_even_over_the_limit()
    {
        var first = await SubmitAsync(Submission("First complaint about my bill."), "key-1");
        await SubmitAsync(Submission("Second complaint about my bill."), "key-2");

        var retry = await SubmitAsync(Submission("First complaint about my bill."), "key-1");

        Assert.Equal(WebFormOutcome.Accepted, retry.Outcome);
        Assert.Equal(IntakeOutcomeKind.Duplicate, retry.Recorded!.Kind);
        Assert.Equal(first.Recorded!.Complaint.Id, retry.Recorded.Complaint.Id);
        Assert.Equal(2, _pipeline.Store.All().Count);
    }

    [Fact]
    public async Task Refused_submissions_do_not_use_up_the_contacts_limit()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(WebFormOutcome.Invalid, (await SubmitAsync(Submission(text: ""), $"bad-{i}")).Outcome);
        }

        Assert.Equal(WebFormOutcome.Accepted, (await SubmitAsync(Submission("First complaint about my bill."), "key-1")).Outcome);
        Assert.Equal(WebFormOutcome.Accepted, (await SubmitAsync(Submission("Second complaint about my bill."), "key-2")).Outcome);
    }

    [Fact]
    public async Task A_key_reused_for_other_words_is_refused_and_the_first_complaint_stands()
    {
        var first = await SubmitAsync(Submission("My bill doubled without notice."), "key-1");

        var reused = await SubmitAsync(Submission("The engineer never came."), "key-1");

        Assert.Equal(WebFormOutcome.KeyReused, reused.Outcome);
        Assert.Equal("My bill doubled without notice.", Assert.Single(_pipeline.Store.All()).Text);
        Assert.Equal(first.Recorded!.Complaint.Id, _pipeline.Store.All()[0].Id);
    }

    [Fact]
    public async Task The_same_key_from_another_person_is_their_own_complaint()
    {
        var mine = await SubmitAsync(Submission("My bill doubled without notice."), "key-1");
        var theirs = await SubmitAsync(Submission("My bill doubled without notice.", email: "wang.fang@example.com"), "key-1");

        Assert.Equal(IntakeOutcomeKind.Created, theirs.Recorded!.Kind);
        Assert.NotEqual(mine.Recorded!.Complaint.Id, theirs.Recorded.Complaint.Id);
        Assert.Equal(2, _pipeline.Store.All().Count);
    }
}
