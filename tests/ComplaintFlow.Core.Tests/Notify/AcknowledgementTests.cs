using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Tests.Notify;

public sealed class AcknowledgementTests
{
    private static readonly DateTimeOffset Received = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    private static Complaint ComplaintIn(string language, string text, string? subject = null) => new()
    {
        Id = ComplaintId.FromSource(Channel.Web, "key-1"),
        Channel = Channel.Web,
        ReceivedAt = Received,
        Contact = new ContactDetails { Name = "Li Lei", Email = "li@example.com" },
        Subject = subject,
        Text = text,
        Language = language,
        SourceMessageId = "key-1",
        Deadlines =
        [
            new Deadline { Kind = DeadlineKinds.Acknowledge, Clock = DeadlineKinds.InternalClock, StartedAt = Received, DueAt = Received.AddHours(24) },
            new Deadline { Kind = DeadlineKinds.FirstResponse, Clock = DeadlineKinds.InternalClock, StartedAt = Received, DueAt = Received.AddHours(4) },
            new Deadline { Kind = DeadlineKinds.Resolve, Clock = DeadlineKinds.InternalClock, StartedAt = Received, DueAt = Received.AddDays(10) },
        ],
    };

    private static readonly NotificationComposer Composer = new(new NotifyOptions(), new PublicSite("https://complaints.example.com"));

    private static Notification Ack(Complaint c) => new()
    {
        Id = Notification.IdFor(c.Id, NotificationKind.Acknowledgement, NotificationChannel.Email, 1),
        Kind = NotificationKind.Acknowledgement,
        Channel = NotificationChannel.Email,
        RequestedAt = Received,
    };

    [Fact]
    public void Acknowledgement_repeats_the_record_back_with_reference_text_and_reply_deadline()
    {
        var complaint = ComplaintIn(SupportedLanguages.English, "My bill doubled\nwithout notice.", "Bill");

        var notice = Composer.Compose(complaint, Ack(complaint));

        Assert.StartsWith($"[{complaint.Reference}]", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("> My bill doubled\n> without notice.", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Subject:          Bill", notice.Text, StringComparison.Ordinal);
        // The promise is the first-response clock the desk is held to, not the acknowledgement this notice itself meets;
        // written in the configured zone (Asia/Shanghai, UTC+8) with the zone named: 01:30Z + 4 h = 13:30 in Beijing.
        Assert.Contains("respond by 2 Mar 2026, 13:30 China Standard Time at the latest", notice.Text, StringComparison.Ordinal);
        Assert.Contains("resolve your complaint by 12 Mar 2026, 09:30 China Standard Time", notice.Text, StringComparison.Ordinal);
        Assert.Contains($"https://complaints.example.com/status?reference={complaint.Reference}", notice.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SupportedLanguages.SimplifiedChinese, "我们已收到您的投诉", "投诉编号")]
    [InlineData(SupportedLanguages.TraditionalChinese, "我們已收到您的投訴", "投訴編號")]
    public void Acknowledgement_is_written_in_the_complaints_language(string language, string subjectText, string referenceLabel)
    {
        var complaint = ComplaintIn(language, "停电三天了");

        var notice = Composer.Compose(complaint, Ack(complaint));

        Assert.Contains(subjectText, notice.Subject, StringComparison.Ordinal);
        Assert.Contains($"{referenceLabel}：{complaint.Reference}", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("主题", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_text_is_escaped_in_the_html_part_and_never_interpreted_as_a_template()
    {
        var complaint = ComplaintIn(SupportedLanguages.English, "<script>alert(1)</script> {{ reference }} {% if true %}x{% endif %}");

        var notice = Composer.Compose(complaint, Ack(complaint));

        Assert.DoesNotContain("<script>", notice.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", notice.Html, StringComparison.Ordinal);
        Assert.Contains("{{ reference }} {% if true %}x{% endif %}", notice.Text, StringComparison.Ordinal);
    }
}
