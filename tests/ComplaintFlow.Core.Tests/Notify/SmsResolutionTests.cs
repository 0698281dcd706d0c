using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Notify.Sms;

namespace ComplaintFlow.Core.Tests.Notify;

/// <summary>
/// A customer we can only text gets the written resolution: in the text when it fits the segment budget, with the link
/// to their referral rights; otherwise a one-segment pointer to the page that shows it after a one-time code.
/// </summary>
public sealed class SmsResolutionTests
{
    private static readonly IntakeOptions Intake = new() { PublicBaseUrl = "https://complaints.northwind-energy.co.uk" };
    private static readonly ComposedNotice EmailText = new("subject", "the email's letter", "<p>the email's letter</p>");

    private static Complaint Resolved(string language, string letter, string? email = null)
    {
        var id = ComplaintId.FromSource(Channel.Sms, "SM" + Guid.NewGuid().ToString("N"));
        return new Complaint
        {
            Id = id,
            Channel = Channel.Sms,
            ReceivedAt = NoticeFixtures.Received,
            Contact = new ContactDetails { Phone = "+8613800138000", Email = email },
            Text = "账单翻倍了",
            Language = language,
            SourceMessageId = id,
            Status = ComplaintStatus.Resolved,
            Resolution = new Resolution { Text = letter, RootCause = "our-error", ResolvedBy = "amy", ResolvedAt = NoticeFixtures.Received, SurveyToken = "t" },
        };
    }

    private static Notification ResolutionBySms(Complaint complaint) =>
        Notices.New(complaint, NotificationKind.Resolution, NotificationChannel.Sms, NoticeFixtures.Received);

    private static string Text(Complaint complaint, int budget = 3) =>
        new SmsComposer(new SmsOptions { ResolutionSegments = budget }, Intake.Site).NoticeText(complaint, ResolutionBySms(complaint), EmailText);

    [Theory]
    [InlineData(SupportedLanguages.English, "We refunded the duplicate charge of GBP 12.40 to your card today.", "Not satisfied? Your rights: ")]
    [InlineData(SupportedLanguages.SimplifiedChinese, "我们已退还重复扣除的88元。", "如不满意，您的权利：")]
    [InlineData(SupportedLanguages.TraditionalChinese, "我們已退還重複扣除的88元。", "如不滿意，您的權利：")]
    public void A_letter_that_fits_the_budget_is_the_text_with_the_link_to_the_referral_rights(string language, string letter, string rights)
    {
        var complaint = Resolved(language, letter);

        var text = Text(complaint);

        Assert.Contains(letter, text, StringComparison.Ordinal);
        Assert.Contains(complaint.Reference, text, StringComparison.Ordinal);
        Assert.Contains(rights + Intake.Site.ResolutionUrl(complaint.Reference), text, StringComparison.Ordinal);
        Assert.InRange(SmsSegmenter.Measure(text).Segments, 1, 3);
    }

    [Theory]
    [InlineData(SupportedLanguages.English, 1)]
    [InlineData(SupportedLanguages.SimplifiedChinese, 2)]
    [InlineData(SupportedLanguages.TraditionalChinese, 2)]
    public void A_letter_over_the_budget_becomes_a_pointer_to_the_resolution_page_within_the_pointers_segments(string language, int segments)
    {
        var letter = string.Concat(Enumerable.Repeat(language == SupportedLanguages.English ? "We looked at every bill since March. " : "我们核对了三月以来的每一张账单。", 16));
        var complaint = Resolved(language, letter);

        var text = Text(complaint);

        Assert.DoesNotContain(letter[..20], text, StringComparison.Ordinal);
        Assert.Contains(Intake.Site.ResolutionUrl(complaint.Reference), text, StringComparison.Ordinal);
        Assert.InRange(SmsSegmenter.Measure(text).Segments, 1, segments);
    }

    [Fact]
    public void The_budget_is_a_setting()
    {
        var complaint = Resolved(SupportedLanguages.English, "We refunded the duplicate charge of GBP 12.40 to your card today.");

        Assert.Contains("GBP 12.40", Text(complaint, budget: 2), StringComparison.Ordinal);
        Assert.DoesNotContain("GBP 12.40", Text(complaint, budget: 1), StringComparison.Ordinal);
    }

    [Fact]
    public void A_customer_with_an_email_address_gets_the_letter_by_email_and_a_pointer_by_text()
    {
        var complaint = Resolved(SupportedLanguages.English, "We refunded the duplicate charge.", email: "li@example.com");

        var text = Text(complaint);

        Assert.DoesNotContain("We refunded", text, StringComparison.Ordinal);
        Assert.Contains("/r/" + complaint.Reference, text, StringComparison.Ordinal);
    }
}
