using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Notify;
using static ComplaintFlow.Core.Tests.Deadlines.DeadlinePlanningTests;
using static ComplaintFlow.Core.Tests.Deadlines.ShippedDeadlineData;

namespace ComplaintFlow.Core.Tests.Deadlines;

/// <summary>
/// Golden tests: each shipped profile's clocks as the rule text states them, for a complaint that reaches it the way
/// real ones do (market setting, the mailbox it was sent to, its category). Each cites the rule it is written from;
/// the figures are the rules as published when written and are to be checked against the current texts.
/// </summary>
public sealed class RegulatoryProfileTests
{
    private static DeadlineRules RulesFor(string market) => DeadlineRules.Parse(PolicyJson, CalendarsJson, market);

    private static IReadOnlyList<Deadline> Plan(string market, DateTimeOffset received, string category, string? address = null, Channel channel = Channel.Email) =>
        new DeadlinePlanner(RulesFor(market)).Plan(ComplaintAt(received, channel) with { ChannelAddress = address }, Triaged(Priority.P3, category));

    private static DateTimeOffset Due(IReadOnlyList<Deadline> deadlines, string profile, string kind) =>
        deadlines.Single(d => d.Clock == profile && d.Kind == kind).DueAt;

    private static IEnumerable<string> Profiles(IReadOnlyList<Deadline> deadlines) =>
        deadlines.Select(d => d.Clock).Where(c => c != DeadlineKinds.InternalClock).Distinct().Order(StringComparer.Ordinal);

    [Fact]
    public void China_telecom_line_runs_the_MIIT_fifteen_day_reply()
    {
        // 电信服务规范 (信息产业部令第36号, 2005): the operator answers a user's complaint within 15 days of receiving it;
        // 电信用户申诉处理办法 (MIIT, 2016): unanswered after 15 days, the user may appeal to 12300.
        var received = Local(China, "2026-03-02 10:00");

        var deadlines = Plan("CN", received, "outage", "broadband@complaintflow.local");

        Assert.Equal(["miit-telecom", "retail-24h"], Profiles(deadlines));
        Assert.Equal("2026-03-17 10:00 +08:00", Show(China, Due(deadlines, "miit-telecom", "reply")));
        Assert.False(deadlines.Single(d => d.Clock == "miit-telecom").Pausable);
    }

    [Fact]
    public void China_power_line_runs_the_95598_contact_and_reply_in_working_days()
    {
        // 国家电网公司供电服务“十项承诺”, item 10: 受理客户投诉后，1个工作日内联系客户，7个工作日内答复处理意见;
        // a Friday complaint before the Qingming holiday (4–6 Apr 2026) counts only working days.
        var received = Local(China, "2026-04-03 10:00");

        var deadlines = Plan("CN", received, "billing", "power@complaintflow.local");

        Assert.Equal(["power-95598", "retail-24h"], Profiles(deadlines));
        Assert.Equal("2026-04-07 10:00 +08:00", Show(China, Due(deadlines, "power-95598", "contact")));
        Assert.Equal("2026-04-15 10:00 +08:00", Show(China, Due(deadlines, "power-95598", "reply")));
    }

    [Fact]
    public void A_broadband_outage_sent_to_the_broadband_mailbox_is_MIITs_not_the_power_utilitys()
    {
        var received = Local(China, "2026-03-02 10:00");

        var broadband = Plan("CN", received, "outage", "broadband@complaintflow.local");
        var unlabelled = Plan("CN", received, "outage");

        Assert.DoesNotContain("power-95598", Profiles(broadband));
        Assert.Contains("power-95598", Profiles(unlabelled));
    }

    [Fact]
    public void China_consumer_complaint_without_a_sector_refers_to_12315()
    {
        // 消费者权益保护法 art. 39 and 市场监督管理投诉举报处理暂行办法 (SAMR Order No. 20, 2019): complaints to the market
        // regulator through 12315; no reply limit binds the business, so the profile carries the referral only.
        var triage = Triaged(Priority.P3, "delivery");
        var referrals = new DeadlinePlanner(RulesFor("CN")).ReferralsFor(ComplaintAt(Local(China, "2026-03-02 10:00")), triage);

        var referral = Assert.Single(referrals);
        Assert.Equal("cn-consumer", referral.Profile);
        Assert.Contains("12315", referral.In(SupportedLanguages.SimplifiedChinese), StringComparison.Ordinal);
    }

    [Fact]
    public void UK_financial_line_runs_FCA_DISPs_eight_weeks_and_no_three_day_limit()
    {
        // FCA Handbook DISP 1.6.2R: "by the end of eight weeks after its receipt of the complaint" a final response (or a
        // written response giving the Ombudsman referral right). DISP 1.5.1R is an exemption, not a limit: a complaint
        // resolved by close of the third business day after receipt gets a summary resolution communication (DISP
        // 1.5.4R) instead, so missing that day is no breach and has no clock.
        var received = Local(England, "2026-03-02 10:00");

        var deadlines = Plan("GB", received, "billing", "finance@complaintflow.local");

        Assert.Equal(["fca-disp", "retail-24h"], Profiles(deadlines));
        Assert.Equal(["final-response"], deadlines.Where(d => d.Clock == "fca-disp").Select(d => d.Kind));
        Assert.Equal("2026-04-27 10:00 +01:00", Show(England, Due(deadlines, "fca-disp", "final-response")));
    }

    [Fact]
    public void UK_payment_services_complaint_runs_fifteen_business_days_extended_to_thirty_five_by_a_holding_reply()
    {
        // FCA Handbook DISP 1.6.2AR (Payment Services Regulations 2017 reg. 101): a final response by the end of the 15th
        // business day after receipt; in exceptional circumstances a holding response by then and the final response by
        // the end of the 35th business day. Good Friday and Easter Monday 2026 (3 and 6 April) are not business days.
        var received = Local(England, "2026-03-23 16:00");
        var rules = RulesFor("GB");

        var deadlines = Plan("GB", received, "billing", "payments@complaintflow.local");

        Assert.Equal(["fca-payments", "retail-24h"], Profiles(deadlines));
        var final = deadlines.Single(d => d.Clock == "fca-payments" && d.Kind == "final-response");
        Assert.Equal("2026-04-15 17:30 +01:00", Show(England, final.DueAt));
        var sweep = new DeadlineSweepPolicy(new DeadlineOptions(), rules);
        Assert.Equal("2026-04-13 17:30 +01:00", Show(England, sweep.HoldingNoticeDue(final)!.Value));
        Assert.Equal("2026-05-14 17:30 +01:00", Show(England, sweep.ExtendedDue(final)));
    }

    [Fact]
    public void UK_telecom_line_runs_Ofcoms_eight_weeks_to_ADR()
    {
        // Ofcom General Conditions of Entitlement, Condition C4 (complaints handling and ADR): a complaint not resolved
        // eight weeks after it was first made may go to ADR.
        var received = Local(England, "2026-03-02 10:00");

        var deadlines = Plan("GB", received, "outage", "broadband@complaintflow.local");

        Assert.Equal(["ofcom", "retail-24h"], Profiles(deadlines));
        Assert.Equal("2026-04-27 10:00 +01:00", Show(England, Due(deadlines, "ofcom", "final-response")));
    }

    [Fact]
    public void UK_energy_complaint_runs_Ofgems_eight_weeks_to_the_Energy_Ombudsman()
    {
        // Gas and Electricity (Consumer Complaints Handling Standards) Regulations 2008: a complaint not resolved within
        // eight weeks may be referred to the Energy Ombudsman.
        var received = Local(England, "2026-10-19 09:00");

        var deadlines = Plan("GB", received, "metering");

        Assert.Equal(["ofgem", "retail-24h"], Profiles(deadlines));
        // Eight weeks on the wall clock across the end of BST (25 Oct 2026): still 09:00 local.
        Assert.Equal("2026-12-14 09:00 +00:00", Show(England, Due(deadlines, "ofgem", "final-response")));
    }

    [Fact]
    public void US_financial_line_runs_CFPB_fifteen_and_sixty_days()
    {
        // CFPB Company Portal Manual, 8.1 "Providing a timely response": within 15 calendar days; a complaint marked
        // "in progress" gets its final response within 60 calendar days.
        var received = Local(UnitedStates, "2026-03-02 10:00");

        var deadlines = Plan("US", received, "billing", "finance@complaintflow.local");

        Assert.Equal(["cfpb", "retail-24h"], Profiles(deadlines));
        Assert.Equal("2026-03-17 10:00 -04:00", Show(UnitedStates, Due(deadlines, "cfpb", "initial-response")));
        Assert.Equal("2026-05-01 10:00 -04:00", Show(UnitedStates, Due(deadlines, "cfpb", "final-response")));
    }

    [Fact]
    public void The_same_telecom_complaint_is_MIITs_in_China_and_Ofcoms_in_the_UK()
    {
        var received = Local(China, "2026-03-02 10:00");

        Assert.Contains("miit-telecom", Profiles(Plan("CN", received, "outage", "broadband@complaintflow.local")));
        Assert.Contains("ofcom", Profiles(Plan("GB", received, "outage", "broadband@complaintflow.local")));
    }

    [Theory]
    [InlineData(SupportedLanguages.English, "12300", "12398")]
    [InlineData(SupportedLanguages.SimplifiedChinese, "12300", "12398")]
    [InlineData(SupportedLanguages.TraditionalChinese, "12300", "12398")]
    public void Telecom_and_power_resolution_letters_cite_their_own_referral_body(string language, string telecom, string power)
    {
        // 12300: MIIT's telecom user appeal centre (电信用户申诉处理办法); 12398: NEA's energy regulation hotline
        // (《12398能源监管热线举报处理办法》, 国能发监管规〔2024〕87号).
        var planner = new DeadlinePlanner(RulesFor("CN"));
        var composer = new NotificationComposer(new NotifyOptions(), new PublicSite("https://complaints.example.com"));
        string Letter(string address)
        {
            var triage = Triaged(Priority.P3, "outage");
            var complaint = ComplaintAt(Local(China, "2026-03-02 10:00"), Channel.Email) with { ChannelAddress = address, Language = language, Triage = triage };
            complaint = complaint with { Referrals = planner.ReferralsFor(complaint, triage) };
            var resolved = Desk.DeskFixtures.NewDesk()
                .Resolve(complaint with { Status = ComplaintStatus.Open }, Desk.DeskFixtures.Agent, new("Fixed.", "our-error", null), "tok", complaint.ReceivedAt.AddDays(1)).State;
            return composer.Compose(resolved, resolved.Notifications.Single(n => n is { Kind: NotificationKind.Resolution, Channel: NotificationChannel.Email })).Text;
        }

        var telecomLetter = Letter("broadband@complaintflow.local");
        var powerLetter = Letter("power@complaintflow.local");

        Assert.Contains(telecom, telecomLetter, StringComparison.Ordinal);
        Assert.DoesNotContain(power, telecomLetter, StringComparison.Ordinal);
        Assert.Contains(power, powerLetter, StringComparison.Ordinal);
        Assert.DoesNotContain(telecom, powerLetter, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_without_its_referral_in_every_customer_language_is_refused_at_start()
    {
        var error = Assert.Throws<DeadlinePolicyException>(() => RulesWith(p => p["profiles"]!["ofcom"]!["referral"]!.AsObject().Remove("zh-Hant")));

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:profiles:ofcom:referral:zh-Hant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_rule_naming_an_unknown_profile_is_refused_at_start()
    {
        var error = Assert.Throws<DeadlinePolicyException>(() => RulesWith(p => p["profileRules"]!.AsArray()[0]!["profiles"] = new System.Text.Json.Nodes.JsonArray("miit")));

        Assert.StartsWith("ComplaintFlow:Deadlines:Policy:profileRules:0:profiles", error.Message, StringComparison.Ordinal);
    }
}
