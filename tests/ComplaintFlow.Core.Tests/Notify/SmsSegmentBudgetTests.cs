using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Notify.Sms;

namespace ComplaintFlow.Core.Tests.Notify;

/// <summary>
/// Every text we send, in every language, rendered with a production-length address, against its segment budget:
/// a text is billed by the segment, and a pointer that runs to a second segment doubles the cost of every
/// complaint. English (GSM-7) pointers take one segment, Chinese (UCS-2) ones at most two; the survey one more.
/// </summary>
public sealed class SmsSegmentBudgetTests
{
    /// <summary>As long as a real deployment's address is likely to be (a company domain, a subdomain, co.uk).</summary>
    private const string ProductionBaseUrl = "https://complaints.northwind-energy.co.uk";

    private static readonly PublicSite Site = new(ProductionBaseUrl);
    private static readonly string Id = ComplaintId.FromSource(Channel.Sms, "SM1f0e8ae6ade43cb3c0ce4525424e404f");

    public static TheoryData<string, SmsEncoding, int> Languages => new()
    {
        { SupportedLanguages.English, SmsEncoding.Gsm7, 1 },
        { SupportedLanguages.SimplifiedChinese, SmsEncoding.Ucs2, 2 },
        { SupportedLanguages.TraditionalChinese, SmsEncoding.Ucs2, 2 },
    };

    private static SmsComposer Composer(string senderName = "ComplaintFlow") => new(new SmsOptions { SenderName = senderName }, Site);

    [Theory]
    [MemberData(nameof(Languages))]
    public void Acknowledgement_resolution_and_holding_pointers_fit_their_budget_with_the_reference_and_the_short_link(
        string language, SmsEncoding encoding, int segments)
    {
        var composer = Composer();
        var replyBy = language == SupportedLanguages.English ? "7 Dec 2026, 09:18 GMT" : "2026年12月7日 17:18（北京时间）";
        foreach (var (text, link) in new[] { (composer.Acknowledgement(Id, language, replyBy), "s"), (composer.ResolutionPointer(Id, language), "r"), (composer.HoldingPointer(Id, language), "s") })
        {
            var measured = SmsSegmenter.Measure(text);
            Assert.Equal(encoding, measured.Encoding);
            Assert.True(measured.Segments <= segments, $"{measured.Segments} segments: {text}");
            Assert.Contains(ComplaintId.ToReference(Id), text, StringComparison.Ordinal);
            // The resolution's pointer leads to the page that shows the letter (after a one-time code), the others to the status page.
            Assert.Contains($"{ProductionBaseUrl}/{link}/{ComplaintId.ToReference(Id)}", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_survey_text_keeps_its_link_within_one_segment_more(string language, SmsEncoding encoding, int segments)
    {
        var complaint = Resolved(language);
        var url = ResolutionNotice.SurveyUrl(complaint, complaint.Resolution!, Site);

        var text = Composer().SurveyPointer(complaint, url);

        var measured = SmsSegmenter.Measure(text);
        Assert.Equal(encoding, measured.Encoding);
        Assert.True(measured.Segments <= segments + 1, $"{measured.Segments} segments: {text}");
        Assert.Contains(url, text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Keyword_answers_fit_the_configured_maximum(string language, SmsEncoding encoding, int segments)
    {
        var composer = Composer();
        Assert.All(new[] { composer.Help(language), composer.OptedOut(language), composer.OptedIn(language) }, text =>
        {
            var measured = SmsSegmenter.Measure(text);
            Assert.Equal(encoding, measured.Encoding);
            Assert.True(measured.Segments <= new SmsOptions().MaxSegments, $"{measured.Segments} segments: {text}");
        });
        Assert.True(SmsSegmenter.Measure(composer.OptedOut(language)).Segments <= segments);
    }

    [Fact]
    public void A_sender_name_outside_gsm7_is_left_out_of_english_texts_rather_than_doubling_their_cost()
    {
        var english = Composer(senderName: "投诉中心").Acknowledgement(Id, SupportedLanguages.English);
        var chinese = Composer(senderName: "投诉中心").Acknowledgement(Id, SupportedLanguages.SimplifiedChinese);

        Assert.Equal(SmsEncoding.Gsm7, SmsSegmenter.EncodingOf(english));
        Assert.Equal(1, SmsSegmenter.Measure(english).Segments);
        Assert.DoesNotContain("投诉中心", english, StringComparison.Ordinal);
        Assert.StartsWith("【投诉中心】", chinese, StringComparison.Ordinal);
        Assert.False(SmsComposer.IsGsm7("投诉中心"));
        Assert.True(SmsComposer.IsGsm7("ComplaintFlow"));
    }

    [Fact]
    public void Holding_and_survey_notices_by_text_are_pointers_not_the_email_text()
    {
        var complaint = Resolved(SupportedLanguages.English);
        var email = new ComposedNotice("Subject", new string('x', 2_000), "<p>x</p>");
        var composer = Composer();

        var holding = composer.NoticeText(complaint, Notice(complaint, NotificationKind.Holding), email);
        var survey = composer.NoticeText(complaint, Notice(complaint, NotificationKind.Survey), email);

        Assert.Equal(composer.HoldingPointer(complaint.Id, complaint.Language), holding);
        Assert.Contains("/survey?reference=", survey, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", holding + survey, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_read_back_acknowledgement_keeps_the_facts_within_two_segments_with_a_production_address(string language, SmsEncoding encoding, int segments)
    {
        _ = segments;
        var english = language == SupportedLanguages.English;
        var complaint = Resolved(language) with
        {
            Status = ComplaintStatus.Open,
            Resolution = null,
            Text = english
                ? "The broadband has dropped every evening since Friday, see www.example.com/status, and the engineer booked for Monday never came. " + new string('x', 600)
                : "宽带从周五起每天晚上断线，约好周一上门的师傅也没来，打客服电话一直占线。" + new string('断', 600),
            Facts = new ComplaintFacts { Demand = new CustomerDemand { Kind = DemandKind.Compensation, Amount = 1200m, Currency = "CNY", Detail = english ? "a month's fee" : "一个月月租" } },
        };
        var replyBy = english ? "7 Dec 2026, 09:18 GMT" : "2026年12月7日 17:18（北京时间）";

        var text = Composer(senderName: "投诉中心").ReadBack(complaint, replyBy);

        var measured = SmsSegmenter.Measure(text);
        Assert.Equal(encoding, measured.Encoding);
        Assert.True(measured.Segments <= SmsComposer.ReadBackSegments, $"{measured.Segments} segments: {text}");
        Assert.Contains(complaint.Reference, text, StringComparison.Ordinal);
        Assert.Contains(replyBy, text, StringComparison.Ordinal);
        var (demand, what) = language switch
        {
            SupportedLanguages.English => ("compensation 1200 CNY (a month's fee)", "About: \"The broadband has dropped"),
            SupportedLanguages.SimplifiedChinese => ("诉求：赔偿 1200 CNY (一个月月租)", "内容：“宽带从周五起"),
            _ => ("訴求：賠償 1200 CNY (一个月月租)", "內容：「宽带从周五起"),
        };
        Assert.Contains(demand, text, StringComparison.Ordinal);
        Assert.Contains(what, text, StringComparison.Ordinal);
        // A link the customer typed is not sent on from our number.
        Assert.DoesNotContain("example.com", text, StringComparison.Ordinal);
    }

    private static Notification Notice(Complaint complaint, NotificationKind kind) => Notices.New(complaint, kind, NotificationChannel.Sms, complaint.ReceivedAt);

    private static Complaint Resolved(string language) => new()
    {
        Id = Id,
        Channel = Channel.Sms,
        ReceivedAt = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero),
        Contact = new ContactDetails { Phone = "+447700900123" },
        Text = "No signal at home for three days.",
        Language = language,
        SourceMessageId = "SM1f0e8ae6ade43cb3c0ce4525424e404f",
        Status = ComplaintStatus.Resolved,
        Resolution = new Resolution
        {
            Text = "We replaced the faulty card at the mast.",
            RootCause = "network",
            ResolvedBy = "agent@example.com",
            ResolvedAt = new DateTimeOffset(2026, 12, 9, 9, 0, 0, TimeSpan.Zero),
            SurveyToken = new string('a', 32),
        },
    };
}
