using System.Text.Json.Nodes;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;
using static ComplaintFlow.Core.Tests.Deadlines.ShippedDeadlineData;

namespace ComplaintFlow.Core.Tests.Deadlines;

/// <summary>
/// Progress notices (进展反馈): before a profile's deadline (retail 24 hours, MIIT 15 days, 95598 7 working days), a
/// customer who has heard nothing from us for a while is told where the complaint stands, once, in their language.
/// </summary>
public sealed class ProgressNoticeTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero); // 09:30 in Beijing
    private const string Outage = "Power cut in our whole street since this morning and nobody tells us when it comes back.";
    private static readonly StaffMember Agent = new("amy@desk.example", "Amy", IsSupervisor: false);
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;
    private readonly DeadlineSweepPolicy _policy;

    public ProgressNoticeTests()
    {
        _pipeline = new InMemoryPipeline(_time);
        _policy = new DeadlineSweepPolicy(_pipeline.DeadlineOptions, _pipeline.Rules);
    }

    [Fact]
    public void The_shipped_policy_gives_the_retail_MIIT_and_95598_clocks_a_progress_notice()
    {
        var profiles = Rules.Policy.Profiles;
        Assert.NotNull(profiles["retail-24h"].Clocks["reply"].ProgressNotice);
        Assert.NotNull(profiles["miit-telecom"].Clocks["reply"].ProgressNotice);
        Assert.NotNull(profiles["power-95598"].Clocks["reply"].ProgressNotice);
    }

    [Fact]
    public void The_95598_reply_due_on_the_seventh_working_day_is_considered_three_working_days_before()
    {
        var reply = new Deadline { Kind = "reply", Clock = "power-95598", StartedAt = Monday, DueAt = China.AddBusinessDays(Monday, 7), Calendar = "cn" };

        // Monday 2 March + 7 working days = Wednesday 11 March; three working days before: Friday 6 March, 09:30.
        Assert.Equal(Local(China, "2026-03-06 09:30"), _policy.ProgressNoticeDue(reply));
        Assert.Equal(SweepActionKind.ProgressNotice, _policy.Decide(reply with { WarnedAt = Monday }, Local(China, "2026-03-06 09:30")).Kind);
        Assert.Equal(SweepActionKind.Nothing, _policy.Decide(reply with { WarnedAt = Monday }, Local(China, "2026-03-06 09:29")).Kind);
        Assert.Equal(SweepActionKind.Nothing, _policy.Decide(reply with { WarnedAt = Monday, ProgressNoticeAt = Monday }, Local(China, "2026-03-09 09:30")).Kind);
    }

    [Theory]
    [InlineData("en", "Your complaint is in hand")]
    [InlineData("zh-Hans", "您的投诉正在处理中")]
    [InlineData("zh-Hant", "您的投訴正在處理中")]
    public async Task A_power_customer_who_heard_nothing_since_the_acknowledgement_gets_one_progress_notice_in_their_language(string language, string subject)
    {
        var id = await OutageAcknowledgedAsync(language);
        var reply = ReplyClock(await _pipeline.ComplaintAsync(id));
        _time.SetUtcNow(_policy.ProgressNoticeDue(reply)!.Value);

        // Sweeps run every minute and may overlap; the notice's message may be delivered twice.
        for (var i = 0; i < 4; i++)
        {
            await _pipeline.Sweep.RunAsync(CancellationToken.None);
        }

        await _pipeline.RunNotifyAsync(deliveries: 2);

        var complaint = await _pipeline.ComplaintAsync(id);
        var notice = Assert.Single(complaint.Notifications, n => n.Kind == NotificationKind.Progress);
        Assert.Equal(NotificationStatus.Sent, notice.Status);
        Assert.Equal("power-95598", notice.Data["clock"]);
        var email = Assert.Single(_pipeline.Email.Sent, e => e.Subject.Contains(subject, StringComparison.Ordinal));
        Assert.Contains(complaint.Reference, email.Subject, StringComparison.Ordinal);
        var decided = Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.ProgressNotice && e.Data["clock"] == "power-95598");
        Assert.Equal("true", decided.Data["sent"]);
    }

    [Fact]
    public async Task A_customer_called_the_day_before_gets_no_progress_notice_and_the_timeline_says_why()
    {
        var id = await OutageAcknowledgedAsync("en");
        var reply = ReplyClock(await _pipeline.ComplaintAsync(id));
        var progressAt = _policy.ProgressNoticeDue(reply)!.Value;
        _time.SetUtcNow(progressAt.AddDays(-1));
        var current = await _pipeline.Complaints.FindAsync(id, CancellationToken.None);
        var called = await _pipeline.DeskActions.RunAsync(id, current!.Version, null, Agent,
            (c, staff, now) => _pipeline.CustomerContacts.Record(c, staff, new ContactInput("phone", "reached", "Explained the repair crew's plan.", "call-1"), now), null, CancellationToken.None);
        Assert.Equal(DeskActionOutcome.Done, called.Outcome);
        _time.SetUtcNow(progressAt);

        await _pipeline.Sweep.RunAsync(CancellationToken.None);
        await _pipeline.Sweep.RunAsync(CancellationToken.None);

        var complaint = await _pipeline.ComplaintAsync(id);
        Assert.DoesNotContain(complaint.Notifications, n => n.Kind == NotificationKind.Progress);
        var decided = Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.ProgressNotice && e.Data["clock"] == "power-95598");
        Assert.Equal("false", decided.Data["sent"]);
        Assert.True(decided.Data.ContainsKey("lastContact"));
        Assert.NotNull(ReplyClock(complaint).ProgressNoticeAt);
    }

    [Fact]
    public async Task A_resolved_complaint_gets_no_progress_notice()
    {
        var id = await OutageAcknowledgedAsync("en");
        var reply = ReplyClock(await _pipeline.ComplaintAsync(id));
        var current = await _pipeline.Complaints.FindAsync(id, CancellationToken.None);
        await _pipeline.DeskActions.RunAsync(id, current!.Version, null, Agent,
            (c, staff, now) => _pipeline.Desk.Resolve(c, staff, new ResolutionInput("Power is back; the cable was replaced.", "third-party", null), "token", now), null, CancellationToken.None);
        _time.SetUtcNow(_policy.ProgressNoticeDue(reply)!.Value);

        var report = await _pipeline.Sweep.RunAsync(CancellationToken.None);

        Assert.Equal(0, report.ProgressNotices);
        Assert.DoesNotContain(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.ProgressNotice);
    }

    [Theory]
    [InlineData("en", 1)]
    [InlineData("zh-Hans", 2)]
    [InlineData("zh-Hant", 2)]
    public void By_text_the_progress_notice_is_a_pointer_to_the_status_page_within_the_sms_budget(string language, int segments)
    {
        const string baseUrl = "https://complaints.northwind-energy.co.uk";
        var id = ComplaintId.FromSource(Channel.Sms, "SM1f0e8ae6ade43cb3c0ce4525424e404f");

        var text = new SmsComposer(new SmsOptions { SenderName = "ComplaintFlow" }, new PublicSite(baseUrl)).ProgressPointer(id, language);

        Assert.True(SmsSegmenter.Measure(text).Segments <= segments, text);
        Assert.Contains($"{baseUrl}/s/{ComplaintId.ToReference(id)}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_progress_notice_on_an_internal_clock_is_refused_at_start_naming_the_key()
    {
        var error = Assert.Throws<DeadlinePolicyException>(() => RulesWith(p => p["internal"]!["P3"]!["resolve"]!["progressNotice"] = Progress(2, "businessDays")));

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:internal:P3:resolve:progressNotice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_progress_notice_as_long_as_its_clock_is_refused_at_start_naming_the_key()
    {
        var error = Assert.Throws<DeadlinePolicyException>(() => RulesWith(p => p["profiles"]!["miit-telecom"]!["clocks"]!["reply"]!["progressNotice"] = Progress(15, "calendarDays")));

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:profiles:miit-telecom:clocks:reply:progressNotice:before", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_progress_notice_setting_is_refused_at_start_naming_the_key()
    {
        var error = Assert.Throws<DeadlinePolicyException>(() => RulesWith(p =>
            p["profiles"]!["miit-telecom"]!["clocks"]!["reply"]!["progressNotice"]!["unlessContactedWithn"] = JsonNode.Parse("""{ "amount": 1, "unit": "hours" }""")));

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:profiles:miit-telecom:clocks:reply:progressNotice:unlessContactedWithn", error.Message, StringComparison.Ordinal);
    }

    private static JsonNode Progress(int before, string unit) =>
        JsonNode.Parse($$"""{ "before": { "amount": {{before}}, "unit": "{{unit}}" }, "unlessContactedWithin": { "amount": 1, "unit": "businessDays" } }""")!;

    private static Deadline ReplyClock(Complaint complaint) => complaint.Deadlines.Single(d => d.Clock == "power-95598" && d.Kind == "reply");

    private async Task<string> OutageAcknowledgedAsync(string language)
    {
        var id = (await _pipeline.SubmitAsync("outage-" + language, Outage, language: language)).Complaint.Id;
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();
        var complaint = await _pipeline.ComplaintAsync(id);
        Assert.Contains(complaint.Deadlines, d => d.Clock == "power-95598");
        Assert.NotNull(complaint.AcknowledgedAt);
        return id;
    }
}
