using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;
using static ComplaintFlow.Core.Tests.Desk.DeskFixtures;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// The supervisors' weekly review (issue 20 item 7): which week it covers, what it says in Chinese and English, a CSV
/// a spreadsheet cannot be tricked by, no customer's details, and sent once per recipient however often the timer runs.
/// </summary>
public sealed class WeeklyReportTests
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // The fixture's complaints arrive on Monday 2 March 2026, 09:30 Beijing time (ISO week 10).
    private static readonly DateTimeOffset TuesdayAfter = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);
    private readonly ComplaintDesk _desk = NewDesk();

    [Fact]
    public void The_report_covers_the_last_complete_desk_week_monday_to_monday_in_the_desk_s_zone()
    {
        var (week, from, to) = WeeklyReport.LastCompleteWeek(TuesdayAfter, Beijing);
        Assert.Equal("2026-W10", week);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(8)), from);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.FromHours(8)), to);

        // Sunday 23:30 in Beijing is still inside week 10, so the report is week 9's; half an hour later week 10 is done.
        Assert.Equal("2026-W09", WeeklyReport.LastCompleteWeek(new DateTimeOffset(2026, 3, 8, 23, 30, 0, TimeSpan.FromHours(8)), Beijing).Week);
        Assert.Equal("2026-W10", WeeklyReport.LastCompleteWeek(new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.FromHours(8)), Beijing).Week);

        // A London week in which the clocks go forward is 167 hours long, midnight to midnight local time.
        var (_, londonFrom, londonTo) = WeeklyReport.LastCompleteWeek(new DateTimeOffset(2026, 3, 31, 9, 0, 0, TimeSpan.Zero), London);
        Assert.Equal(new DateTimeOffset(2026, 3, 23, 0, 0, 0, TimeSpan.Zero), londonFrom);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.FromHours(1)), londonTo);
        Assert.Equal(167, (londonTo - londonFrom).TotalHours);
    }

    private IReadOnlyList<Complaint> Week()
    {
        Complaint Resolved(string source, string rootCause, string? action, Channel channel = Channel.Web, string email = "li@example.com") =>
            _desk.Resolve(OpenComplaint(source, channel: channel, email: email, owner: Agent.Id), Agent, new ResolutionInput("Done.", rootCause, action), "t", Received.AddDays(2)).State;

        var meter = Resolved("a", "our-error", "Recalibrated the meter batch 2026-02") with
        {
            SurveyAnswers = [new SurveyAnswer { SurveyToken = "s", Score = 5, AnsweredAt = Received.AddDays(3) }],
        };
        var meterAgain = Resolved("b", "our-error", "recalibrated the meter batch 2026-02", email: "li@example.com");
        var supplier = Resolved("c", "third-party", "=HYPERLINK(\"http://evil.example\",\"click\")", Channel.Sms, "wang@example.com") with
        {
            SurveyAnswers = [new SurveyAnswer { SurveyToken = "s", Score = 2, AnsweredAt = Received.AddDays(4) }],
        };
        var open = OpenComplaint("d", channel: Channel.Email, email: "zhao@example.com");
        var lastWeek = OpenComplaint("e", email: "qian@example.com") with { ReceivedAt = Received.AddDays(-5) };
        return [meter, meterAgain, supplier, open, lastWeek];
    }

    [Fact]
    public void The_chinese_report_gives_volumes_on_time_rates_root_causes_with_actions_repeat_contacts_and_satisfaction()
    {
        var (week, from, to) = WeeklyReport.LastCompleteWeek(TuesdayAfter, Beijing);
        var report = WeeklyReport.Compute(Week(), week, from, to, TuesdayAfter, WeeklyReports.SatisfiedAtOrAbove);

        var body = WeeklyReportText.Body(report, "zh-Hans", Beijing);

        Assert.StartsWith("ComplaintFlow 投诉周报 2026-W10：受理 4 件", body, StringComparison.Ordinal);
        Assert.Contains("按渠道：网页 2，邮件 1，短信 1", body, StringComparison.Ordinal);
        Assert.Contains("本周办结：3 件", body, StringComparison.Ordinal);
        // The same action written twice (different case) is one line under its cause, the commonest cause first.
        var ourError = body.IndexOf("  我方差错: 2", StringComparison.Ordinal);
        Assert.True(ourError >= 0 && ourError < body.IndexOf("  第三方原因: 1", StringComparison.Ordinal), body);
        Assert.Single(body.Split('\n'), l => l.Contains("ecalibrated the meter batch", StringComparison.Ordinal));
        Assert.Contains("重复投诉：1 位客户投诉超过一次（同一客户最多 2 次）。", body, StringComparison.Ordinal);
        Assert.Contains("收到 2 份问卷，满意（4 或 5 分）50%", body, StringComparison.Ordinal);
        // On time: the three resolved within the internal 10 days, the open one still running.
        Assert.Contains("  internal / resolve：100%（按时 3，超时 0，进行中 1）", body, StringComparison.Ordinal);
        Assert.Contains("2026年3月2日 00:00（北京时间）", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_english_and_traditional_reports_say_the_same_and_name_no_customer()
    {
        var (week, from, to) = WeeklyReport.LastCompleteWeek(TuesdayAfter, Beijing);
        var report = WeeklyReport.Compute(Week(), week, from, to, TuesdayAfter, WeeklyReports.SatisfiedAtOrAbove);

        var english = WeeklyReportText.Body(report, "en", Beijing);
        var traditional = WeeklyReportText.Body(report, "zh-Hant", Beijing);

        Assert.StartsWith("ComplaintFlow weekly report 2026-W10: 4 received", english, StringComparison.Ordinal);
        Assert.Contains("By channel: Web 2, Email 1, Sms 1", english, StringComparison.Ordinal);
        Assert.Contains("  our-error: 2", english, StringComparison.Ordinal);
        Assert.Contains("按渠道：網頁 2，郵件 1，短訊 1", traditional, StringComparison.Ordinal);
        Assert.Contains("Repeat complainants: 1 contacts with more than one complaint (at most 2 from one contact).", english, StringComparison.Ordinal);
        Assert.Contains("投訴週報", traditional, StringComparison.Ordinal);
        foreach (var text in new[] { english, traditional, WeeklyReportText.Csv(report) })
        {
            Assert.DoesNotContain("@example.com", text, StringComparison.Ordinal);
            Assert.DoesNotContain("My bill doubled", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_corrective_action_written_as_a_formula_reaches_the_csv_as_text()
    {
        var (week, from, to) = WeeklyReport.LastCompleteWeek(TuesdayAfter, Beijing);
        var csv = WeeklyReportText.Csv(WeeklyReport.Compute(Week(), week, from, to, TuesdayAfter, WeeklyReports.SatisfiedAtOrAbove));

        var rows = csv.Split("\r\n");
        Assert.Equal("section,item,value,detail", rows[0]);
        Assert.Contains("received,total,4,", rows);
        Assert.Contains("root-cause,third-party,1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", rows);
        Assert.Contains("survey,satisfied,1,50%", rows);
    }

    [Fact]
    public async Task The_timer_sends_each_week_s_report_once_with_the_csv_and_a_failed_send_is_made_good_by_the_next_run()
    {
        var time = new FakeTimeProvider(TuesdayAfter);
        var store = new InMemoryComplaintStore();
        foreach (var complaint in Week())
        {
            Assert.True(await store.TryCreateAsync(complaint.Change(complaint.ReceivedAt), CancellationToken.None));
        }

        var archive = new InMemoryReportArchive();
        var email = new RecordingEmailSender();
        var reports = new WeeklyReports(new InMemoryComplaintCatalog(store), archive, email,
            new NotifyOptions { StaffLanguage = "zh-Hans" }, new DeadlineOptions { TeamSupervisorEmail = "supervisors@desk.example" },
            new PortalOptions(), time);

        email.FailNext(new HttpRequestException("SendGrid 503"));
        await Assert.ThrowsAsync<HttpRequestException>(() => reports.SendLastWeekAsync(CancellationToken.None));
        Assert.Empty(email.Sent);
        Assert.NotNull(await archive.ReadAsync(WeeklyReports.ArchiveName("2026-W10"), CancellationToken.None));

        time.Advance(TimeSpan.FromHours(1));
        var sent = await reports.SendLastWeekAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));
        var again = await reports.SendLastWeekAsync(CancellationToken.None);

        Assert.Equal(["supervisors@desk.example"], sent.SentTo);
        Assert.Empty(again.SentTo);
        Assert.Equal(1, again.AlreadySent);
        var mail = Assert.Single(email.Sent);
        Assert.Equal("ComplaintFlow 投诉周报 2026-W10：受理 4 件", mail.Subject);
        var csv = Assert.Single(mail.Attachments);
        Assert.Equal(("complaints-2026-W10.csv", "text/csv"), (csv.FileName, csv.ContentType));
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv.Content[..3]);
        Assert.StartsWith("section,item,value,detail", Encoding.UTF8.GetString(csv.Content[3..]), StringComparison.Ordinal);

        // The next week's report is due once that week has ended.
        time.SetUtcNow(new DateTimeOffset(2026, 3, 16, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal("2026-W11", (await reports.SendLastWeekAsync(CancellationToken.None)).Week);
        Assert.Equal(2, email.Sent.Count);
    }
}
