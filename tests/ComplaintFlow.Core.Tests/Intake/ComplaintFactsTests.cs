using System.Net;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Testing.InMemory;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>
/// The 4W1H record (place, account, when it began, demand): given as fields on the form and checked like the contact
/// details, or found in a labelled line of an email or a text, never guessed; kept on the complaint; weighed by triage.
/// </summary>
public sealed class ComplaintFactsTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;
    private readonly SubmissionRateLimiter _limiter = new(new IntakeRateLimitOptions { PerIp = 20, PerContact = 20 });

    public ComplaintFactsTests() => _pipeline = new InMemoryPipeline(_time);

    public void Dispose() => _limiter.Dispose();

    private Task<WebFormResult> SubmitAsync(ComplaintSubmission submission) =>
        new WebFormIntake(_pipeline.Intake, _pipeline.Complaints, _limiter, _pipeline.IntakeOptions, _time).SubmitAsync(
            submission, Guid.NewGuid().ToString("N"), "en", IPAddress.Loopback,
            new RawPayload(System.Text.Encoding.UTF8.GetBytes(submission.Text ?? ""), "application/json", "json"), null, CancellationToken.None);

    private static ComplaintSubmission Form(string language = "en") =>
        new() { Email = "li.lei@example.com", Text = "The meter reads twice what we use.", Language = language, TimeZone = "Asia/Shanghai" };

    [Fact]
    public async Task Fields_given_on_the_form_are_kept_on_the_complaint_with_the_time_read_in_the_customers_zone()
    {
        var result = await SubmitAsync(Form() with
        {
            Place = "88 Jianguo Road, Chaoyang, Beijing",
            Account = "1100 2233 44",
            EventTime = "2026-02-27T08:15",
            Demand = "Compensation",
            DemandAmount = "800",
            DemandCurrency = "cny",
        });

        Assert.Equal(WebFormOutcome.Accepted, result.Outcome);
        var facts = (await _pipeline.ComplaintAsync(result.Recorded!.Complaint.Id)).Facts!;
        Assert.Equal("88 Jianguo Road, Chaoyang, Beijing", facts.Place);
        Assert.Equal("1100 2233 44", facts.Account);
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 8, 15, 0, TimeSpan.FromHours(8)), facts.EventTime);
        Assert.Equal(new CustomerDemand { Kind = DemandKind.Compensation, Amount = 800m, Currency = "CNY" }, facts.Demand);
        Assert.Empty(facts.FoundInText);
    }

    [Fact]
    public async Task A_complaint_without_any_of_the_fields_keeps_no_record()
    {
        var result = await SubmitAsync(Form());

        Assert.Null((await _pipeline.ComplaintAsync(result.Recorded!.Complaint.Id)).Facts);
    }

    [Theory]
    [InlineData("en", "abc", "compensation", "demandAmount", "Enter the sum as a number")]
    [InlineData("en", "-5", "refund", "demandAmount", "Enter the sum as a number")]
    [InlineData("en", "12.345", "refund", "demandAmount", "Enter the sum as a number")]
    [InlineData("en", "200", "apology", "demandAmount", "compensation or a refund")]
    [InlineData("zh-Hans", "两百", "compensation", "demandAmount", "请以大于零的数字填写金额")]
    [InlineData("en", null, "money", "demand", "repair, refund, apology, compensation, other")]
    public async Task A_bad_demand_is_refused_field_by_field_in_the_customers_language_and_nothing_is_written(
        string language, string? amount, string demand, string field, string message)
    {
        var result = await SubmitAsync(Form(language) with { Demand = demand, DemandAmount = amount });

        Assert.Equal(WebFormOutcome.Invalid, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(_pipeline.Store.All());
    }

    [Theory]
    [InlineData("2026-03-03T09:00", "event-time-future")]
    [InlineData("2026-03-02T01:30:00Z", null)]
    [InlineData("2026-03-02T09:30:00+08:00", null)]
    [InlineData("2026-03-02T09:40:00+08:00", "event-time-future")]
    [InlineData("yesterday", "event-time-invalid")]
    [InlineData("2026-02-30", "event-time-invalid")]
    public void An_event_time_must_be_a_date_and_not_in_the_future(string eventTime, string? key)
    {
        var errors = new SubmissionValidator(_pipeline.IntakeOptions, _time).Validate(Form() with { EventTime = eventTime }, "en", out _);

        if (key is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal((Field: "eventTime", Message: ValidationMessages.Format("en", key)), (Assert.Single(errors).Field, errors[0].Message));
        }
    }

    [Fact]
    public void Labelled_lines_in_chinese_and_english_are_found()
    {
        var chinese = ComplaintFactsParser.Find("户号：0110 2233 4455\n地址：北京市朝阳区建国路88号3单元\n停电时间：2026年3月1日 19:30\n家里停电一整天了。", Monday, "Asia/Shanghai")!;
        var english = ComplaintFactsParser.Find("Hello,\n\nAccount number: AC-778812\nAddress: 12 Mill Lane, Leeds LS1 4AB\nSince: 2026-02-28\n\nThe line keeps dropping.", Monday, "Europe/London")!;

        Assert.Equal(("0110 2233 4455", "北京市朝阳区建国路88号3单元", new DateTimeOffset(2026, 3, 1, 19, 30, 0, TimeSpan.FromHours(8))),
            (chinese.Account, chinese.Place, chinese.EventTime!.Value));
        Assert.Equal(("AC-778812", "12 Mill Lane, Leeds LS1 4AB", new DateTimeOffset(2026, 2, 28, 0, 0, 0, TimeSpan.Zero)),
            (english.Account, english.Place, english.EventTime!.Value));
        Assert.Equal(["account", "place", "eventTime"], chinese.FoundInText);
        Assert.Null(chinese.Demand);
    }

    [Theory]
    [InlineData("My account has been charged twice, number 12345678.")]
    [InlineData("Account: suspended without warning")]
    [InlineData("户号：12345\n户号：67890")]
    [InlineData("发生时间：2026-03-05")]
    [InlineData("发生时间：2015-03-01")]
    [InlineData("Since: last Friday")]
    [InlineData("I was told: account 12345 would be credited")]
    public void Prose_an_unlabelled_number_a_conflict_a_future_or_stale_date_give_nothing(string text)
    {
        Assert.Null(ComplaintFactsParser.Find(text, Monday, "Asia/Shanghai"));
    }

    [Fact]
    public async Task A_text_message_with_labelled_facts_keeps_them_and_says_they_were_read_from_the_text()
    {
        var outcome = await _pipeline.TextAsync("SM100", "户号：8800123456 地址不对\n地址：上海市徐汇区漕溪北路1号\n电费多扣了两百元", "+8613800138000");

        var facts = (await _pipeline.ComplaintAsync(outcome.ComplaintId!)).Facts!;
        // "8800123456 地址不对" is not an account number (it holds words): left out rather than half taken.
        Assert.Null(facts.Account);
        Assert.Equal("上海市徐汇区漕溪北路1号", facts.Place);
        Assert.Equal(["place"], facts.FoundInText);
    }

    [Fact]
    public async Task An_email_with_labelled_facts_keeps_them_and_the_acknowledgement_reads_them_back()
    {
        var post = SendGridPost.Mail("Amy Clark <amy@example.co.uk>", "Line keeps dropping",
            "Hello,\n\nAccount number: AC-778812\nAddress: 12 Mill Lane, Leeds LS1 4AB\nSince: 2026-02-28\n\nThe line drops every evening.", "facts@mail.example.co.uk");
        var body = post.Bytes();

        var outcome = await _pipeline.EmailIntake.HandleAsync(new InboundEmailParser().Parse(body, post.ContentType), new RawPayload(body, post.ContentType, "multipart"), null, CancellationToken.None);
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();

        var facts = (await _pipeline.ComplaintAsync(outcome.ComplaintId!)).Facts!;
        Assert.Equal(("AC-778812", "12 Mill Lane, Leeds LS1 4AB"), (facts.Account, facts.Place));
        Assert.Equal(["account", "place", "eventTime"], facts.FoundInText);
        var acknowledgement = Assert.Single(_pipeline.Email.Sent).Text;
        Assert.Contains("Where:            12 Mill Lane, Leeds LS1 4AB", acknowledgement, StringComparison.Ordinal);
        Assert.Contains("Account/number:   AC-778812", acknowledgement, StringComparison.Ordinal);
        Assert.Contains("Began:            28 Feb 2026", acknowledgement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compensation_demand_with_a_sum_feeds_the_money_and_compensation_rules_without_a_keyword()
    {
        var engine = new TriageEngine(TriagePolicy.Default);
        var sentiment = new LexiconAnalyzer().Analyze(new TextDocument("1", "The engineer never came.", null));
        var input = new TriageInput { Text = "The engineer never came.", Language = "en" };

        var without = engine.Score(input, sentiment);
        var with = engine.Score(input with { Demand = new CustomerDemand { Kind = DemandKind.Compensation, Amount = 6000m, Currency = "CNY" } }, sentiment);

        Assert.DoesNotContain(without.Reasons, r => r.Rule is "money" or "compensation");
        var money = Assert.Single(with.Reasons, r => r.Rule == "money");
        Assert.Equal(("money at stake: 6000 CNY", 20d, "demand"), (money.Description, money.Weight, money.Field));
        Assert.Contains(with.Reasons, r => r.Rule == "compensation" && r.Field == "demand");
        Assert.True(with.Urgency >= without.Urgency + 35);
    }

    [Fact]
    public void Erasing_the_complainant_drops_place_account_and_their_words_but_keeps_the_kind_of_demand_and_its_sum()
    {
        var complaint = new Complaint
        {
            Id = ComplaintId.FromSource(Channel.Web, "erase-1"),
            Channel = Channel.Web,
            ReceivedAt = Monday,
            Contact = new ContactDetails { Email = "li.lei@example.com" },
            Text = "The meter reads twice what we use.",
            Language = "en",
            SourceMessageId = "erase-1",
            Facts = new ComplaintFacts
            {
                Place = "88 Jianguo Road",
                Account = "1100 2233 44",
                EventTime = Monday.AddDays(-3),
                Demand = new CustomerDemand { Kind = DemandKind.Compensation, Amount = 800m, Currency = "CNY", Detail = "for my mother's oxygen machine" },
            },
        };

        var erased = Core.Desk.DataRights.ComplaintErasure.Plan(complaint, [], "sam@desk.example", Monday.AddDays(1))!.Change.State.Facts!;

        Assert.Equal((null, null), (erased.Place, erased.Account));
        Assert.Equal(new CustomerDemand { Kind = DemandKind.Compensation, Amount = 800m, Currency = "CNY" }, erased.Demand);
    }

    [Fact]
    public void A_larger_sum_in_the_words_than_in_the_demand_is_the_one_weighed()
    {
        var engine = new TriageEngine(TriagePolicy.Default);
        const string text = "You overcharged me ¥9,000 this quarter.";
        var sentiment = new LexiconAnalyzer().Analyze(new TextDocument("1", text, null));

        var result = engine.Score(new TriageInput { Text = text, Language = "en", Demand = new CustomerDemand { Kind = DemandKind.Refund, Amount = 100m } }, sentiment);

        var money = Assert.Single(result.Reasons, r => r.Rule == "money");
        Assert.Equal("text", money.Field);
    }

    [Fact]
    public void A_policy_naming_an_unknown_demand_is_refused_at_start()
    {
        var policy = TriagePolicy.Default with
        {
            Rules = [.. TriagePolicy.Default.Rules.Select(r => r.Id == "compensation" ? r with { Demands = ["money"] } : r)],
        };

        Assert.Contains(policy.Validate(), e => e.Contains("demands: unknown demand 'money'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("zh-Hans", "宽带从周五起一直断线，客服电话也打不通，打了十几次都没人接，工作全耽误了。", "内容：“宽带从周五起", "诉求：赔偿 300 CNY。", "前答复")]
    [InlineData("en", "My broadband has been down since Friday and nobody answers the phone; I have called a dozen times and lost two days of work because of it, which is simply not acceptable for a service I pay for every month.", "About: \"My broadband has been down since Friday", "You asked for: compensation 300 CNY.", "We will respond by")]
    public async Task The_sms_acknowledgement_reads_back_reference_what_demand_and_reply_date_within_two_segments(
        string language, string text, string what, string demand, string promise)
    {
        var result = await SubmitAsync(new ComplaintSubmission
        {
            Phone = "+8613800138000",
            Text = text,
            Language = language,
            Demand = "compensation",
            DemandAmount = "300",
            DemandCurrency = "CNY",
        });
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();

        var sms = Assert.Single(_pipeline.Sms.Sent);
        Assert.Contains(result.Recorded!.Complaint.Reference, sms.Body, StringComparison.Ordinal);
        Assert.Contains(what, sms.Body, StringComparison.Ordinal);
        Assert.Contains(demand, sms.Body, StringComparison.Ordinal);
        Assert.Contains(promise, sms.Body, StringComparison.Ordinal);
        // The long text is shortened to fit, never cut off at the end of the message.
        Assert.DoesNotContain(text, sms.Body, StringComparison.Ordinal);
        Assert.InRange(SmsSegmenter.Measure(sms.Body).Segments, 1, SmsComposer.ReadBackSegments);
    }
}
