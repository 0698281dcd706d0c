using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Notify;
using static ComplaintFlow.Core.Tests.Desk.DeskFixtures;

namespace ComplaintFlow.Core.Tests.Desk;

public sealed class ResolutionNoticeTests
{
    private static readonly NotificationComposer Composer = new(new NotifyOptions(), new PublicSite("https://complaints.example.com"));
    private readonly ComplaintDesk _desk = NewDesk();

    private Complaint Resolved(Complaint complaint) =>
        _desk.Resolve(complaint, Agent, new ResolutionInput("We refunded CNY 40 to your account.", "our-error", "Billing rule corrected."), "tok-1", Received.AddDays(1)).State;

    [Theory]
    [InlineData(SupportedLanguages.English, "Our answer to your complaint", "refer your complaint")]
    [InlineData(SupportedLanguages.SimplifiedChinese, "关于您投诉的处理答复", "申诉权利")]
    [InlineData(SupportedLanguages.TraditionalChinese, "關於您投訴的處理答覆", "申訴權利")]
    public void Resolution_email_carries_the_written_resolution_and_the_referral_rights(string language, string subject, string rights)
    {
        var complaint = Resolved(OpenComplaint(language: language));
        var email = complaint.Notifications.Single(n => n is { Kind: NotificationKind.Resolution, Channel: NotificationChannel.Email });

        var notice = Composer.Compose(complaint, email);

        Assert.Equal($"[{complaint.Reference}] {subject}", notice.Subject);
        Assert.Contains("We refunded CNY 40 to your account.", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Billing rule corrected.", notice.Text, StringComparison.Ordinal);
        Assert.Contains(rights, notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sms_pointer_is_short_and_sends_the_customer_to_their_email()
    {
        var complaint = Resolved(OpenComplaint(channel: Channel.Sms, phone: "+8613800138000"));
        var sms = complaint.Notifications.Single(n => n is { Kind: NotificationKind.Resolution, Channel: NotificationChannel.Sms });

        var notice = Composer.Compose(complaint, sms);

        Assert.DoesNotContain("We refunded", notice.Text, StringComparison.Ordinal);
        Assert.Contains("full written answer is in your email", notice.Text, StringComparison.Ordinal);
        Assert.True(notice.Text.Length < 320, "an SMS pointer fits in two segments");
    }

    [Fact]
    public void Survey_notice_links_to_the_survey_with_the_reference_and_token()
    {
        var resolved = Resolved(OpenComplaint());
        var letter = resolved.Notifications.Single(n => n.Kind == NotificationKind.Resolution);
        var complaint = Notices.AfterSent(resolved, letter with { Status = NotificationStatus.Sent }, Received.AddDays(1));
        var survey = complaint.Notifications.Single(n => n.Kind == NotificationKind.Survey);

        var notice = Composer.Compose(complaint, survey);

        Assert.Contains($"https://complaints.example.com/survey?reference={complaint.Reference}&token=tok-1", notice.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://complaints.example.com/survey?reference=", notice.Html, StringComparison.Ordinal);
    }
}
