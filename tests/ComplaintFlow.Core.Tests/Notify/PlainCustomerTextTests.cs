using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Notify;

namespace ComplaintFlow.Core.Tests.Notify;

/// <summary>
/// Customer text is quoted, never turned into links or markup: a notice goes from our address to whatever address
/// was typed in the form, so a live link in it would be ours. Mail clients autolink bare URLs and domains by
/// themselves, so the HTML part must not even contain one written by the customer.
/// </summary>
public sealed partial class PlainCustomerTextTests
{
    private static readonly DateTimeOffset Received = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private static readonly NotificationComposer Composer = new(new NotifyOptions(), new PublicSite("https://complaints.example.com"));

    public static TheoryData<string> Hostile() =>
    [
        "https://evil.example/login?next=bank",
        "http://xn--pypal-4ve.com/verify",
        "javascript:alert(document.cookie)",
        "Visit www.paypa1.com now",
        "paypal.com.account-verify.example",
        "mail support@bank-secure.example",
        "<a href=\"https://evil.example\">Click here</a>",
        "<script>alert(1)</script><img src=x onerror=alert(1)>",
        "ftp://files.evil.example/invoice.exe",
        "data:text/html;base64,PHNjcmlwdD4=",
        "点击 https://例子.中国/退款 领取退款",
    ];

    private static Complaint ComplaintWith(string hostile, string language, NotificationKind kind) => new()
    {
        Id = ComplaintId.FromSource(Channel.Web, "hostile-" + kind),
        Channel = Channel.Web,
        ReceivedAt = Received,
        Contact = new ContactDetails { Name = hostile, Email = "li@example.com" },
        Subject = hostile,
        Text = "Before " + hostile + "\nafter " + hostile,
        Language = language,
        SourceMessageId = "hostile",
        Deadlines =
        [
            new Deadline { Kind = DeadlineKinds.Acknowledge, Clock = DeadlineKinds.InternalClock, StartedAt = Received, DueAt = Received.AddHours(24) },
            new Deadline { Kind = DeadlineKinds.Resolve, Clock = DeadlineKinds.InternalClock, StartedAt = Received, DueAt = Received.AddDays(10) },
        ],
        Resolution = kind is NotificationKind.Resolution or NotificationKind.Survey
            ? new Resolution { Text = "We refunded you.", RootCause = "our-error", ResolvedBy = "amy", ResolvedAt = Received.AddDays(1), SurveyToken = "tok-1" }
            : null,
    };

    private static Notification NoticeOf(Complaint complaint, NotificationKind kind) => new()
    {
        Id = Notification.IdFor(complaint.Id, kind, NotificationChannel.Email, 1),
        Kind = kind,
        Channel = NotificationChannel.Email,
        RequestedAt = Received,
        Data = kind == NotificationKind.Holding
            ? new Dictionary<string, string> { ["expected"] = Received.AddDays(20).ToString("o"), ["due"] = Received.AddDays(10).ToString("o"), ["newDue"] = Received.AddDays(20).ToString("o") }
            : new Dictionary<string, string>(),
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void No_customer_text_becomes_a_link_or_markup_in_any_notice_in_any_language(string hostile)
    {
        foreach (var language in SupportedLanguages.All)
        {
            foreach (var kind in new[] { NotificationKind.Acknowledgement, NotificationKind.Holding, NotificationKind.Resolution, NotificationKind.Survey })
            {
                var complaint = ComplaintWith(hostile, language, kind);
                var notice = Composer.Compose(complaint, NoticeOf(complaint, kind));
                var what = $"{kind} in {language} with {hostile}";

                // Our own links stay links; nothing else is an element, a URL, a domain or an address.
                var anchors = Anchor().Matches(notice.Html).Select(m => m.Groups["href"].Value).ToList();
                Assert.All(anchors, href => Assert.StartsWith("https://complaints.example.com/", href, StringComparison.Ordinal));
                var outsideAnchors = Anchor().Replace(notice.Html, string.Empty);
                var tags = Tag().Matches(outsideAnchors).Select(m => m.Value).Distinct().ToList();
                Assert.True(tags.All(t => t is "<!doctype html>" or "<html>" or "</html>" or "<body style=\"font-family:sans-serif\">" or "</body>" or "<p>" or "</p>" or "<br>"), $"{what}: markup {string.Join(' ', tags)}");
                var shown = Tag().Replace(outsideAnchors, " ");
                Assert.False(Autolinkable().IsMatch(shown), $"{what}: autolinkable '{Autolinkable().Match(shown).Value}'");

                // The plain text says what the customer wrote, exactly.
                if (kind == NotificationKind.Acknowledgement)
                {
                    Assert.Contains(hostile, notice.Text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Our_status_link_is_still_a_link()
    {
        var complaint = ComplaintWith("Li Lei", SupportedLanguages.English, NotificationKind.Acknowledgement);

        var notice = Composer.Compose(complaint, NoticeOf(complaint, NotificationKind.Acknowledgement));

        Assert.Contains($"<a href=\"https://complaints.example.com/status", notice.Html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<a href=\"(?<href>[^\"]*)\">[^<]*</a>")]
    private static partial Regex Anchor();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    /// <summary>What autolinkers look for: a scheme, www., a dotted name with a letter TLD, an address.</summary>
    [GeneratedRegex(@"(?i)([a-z][a-z0-9+.-]*:[^\s\u200B]|www\.[^\s\u200B]|[\p{L}\p{N}-]+\.[\p{L}]{2,}|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+\.[^\s\u200B])")]
    private static partial Regex Autolinkable();
}
