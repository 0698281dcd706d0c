using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Core.Tests.Notify;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>
/// A customer we can only text reads the written resolution online after confirming their number with a one-time code:
/// the code goes by text through Notify, is kept only as a keyed hash, works once, expires, survives few wrong tries,
/// and a complaint gets few of them an hour.
/// </summary>
public sealed partial class ResolutionAccessTests : IDisposable
{
    private const string Phone = "+8613800138000";
    private readonly NoticeFixtures _f = new();
    private readonly SmsOptions _sms = new() { AccessCodeKey = "test-access-code-key-0123456789abcdef" };
    private readonly ResolutionAccess _access;
    private readonly IPAddress _client = IPAddress.Parse("203.0.113.7");

    public ResolutionAccessTests() =>
        _access = new ResolutionAccess(_f.Complaints, new Notices(_f.Queue), new AccessCodes(_sms), _sms, new StatusRateLimitOptions { PerClient = 1_000 }, new NotifyOptions(), _f.Time);

    public void Dispose() => _access.Dispose();

    private Complaint Resolved(ComplaintStatus status = ComplaintStatus.Resolved)
    {
        var owed = _f.Owed(NotificationChannel.Sms, email: null, phone: Phone);
        var resolved = owed with
        {
            Status = status,
            Language = SupportedLanguages.SimplifiedChinese,
            Resolution = new Resolution
            {
                Text = "我们已退还重复扣除的 88 元，并为您的账户加上了重复扣费检查。",
                RootCause = "our-error",
                CorrectiveAction = "增加重复扣费检查",
                ResolvedBy = "amy@desk.example",
                ResolvedAt = _f.Time.GetUtcNow(),
                SurveyToken = "token",
            },
            Referrals =
            [
                new ReferralRight
                {
                    Profile = "miit-telecom",
                    Text = new Dictionary<string, string>
                    {
                        ["en"] = "You may refer it to the MIIT telecom appeals centre (12300).",
                        ["zh-Hans"] = "您可以向工业和信息化部电信用户申诉受理中心（12300）申诉。",
                        ["zh-Hant"] = "您可以向工業和信息化部電信用戶申訴受理中心（12300）申訴。",
                    },
                },
            ],
        };
        _f.Complaints.Add(resolved);
        return resolved;
    }

    /// <summary>Notify sends the queued code notice; the code as the customer's phone shows it.</summary>
    private async Task<string> TextedCodeAsync()
    {
        var message = Assert.Single(_f.Queue.Notices);
        _f.Queue.Notices.Clear();
        await _f.Notify(sms: _sms).HandleAsync(message, CancellationToken.None);
        var text = _f.Sms.Sent[^1];
        Assert.Equal(Phone, text.To);
        return SixDigits().Match(text.Body).Value;
    }

    [Fact]
    public async Task The_complaints_number_gets_one_code_by_text_and_the_code_opens_the_letter_with_its_referral_rights_once()
    {
        var complaint = Resolved();

        var requested = await _access.RequestCodeAsync(complaint.Reference, "138 0013 8000", _client, null, CancellationToken.None);
        var code = await TextedCodeAsync();

        Assert.Equal(ResolutionAccessOutcome.CodeRequested, requested.Outcome);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Contains(complaint.Reference, _f.Sms.Sent[0].Body, StringComparison.Ordinal);
        Assert.Contains("验证码", _f.Sms.Sent[0].Body, StringComparison.Ordinal);
        var stored = _f.Current(complaint.Id);
        Assert.DoesNotContain(code, JsonSerializer.Serialize(stored, ComplaintJson.Options), StringComparison.Ordinal);
        Assert.Equal(NotificationStatus.Sent, stored.Notifications.Single(n => n.Kind == NotificationKind.AccessCode).Status);

        var read = await _access.ReadAsync(complaint.Reference, code[..3] + " " + code[3..], _client, CancellationToken.None);

        Assert.Equal(ResolutionAccessOutcome.Letter, read.Outcome);
        Assert.Equal(complaint.Resolution!.Text, read.Letter!.Text);
        Assert.Equal("增加重复扣费检查", read.Letter.CorrectiveAction);
        Assert.Contains("12300", Assert.Single(read.Letter.Referrals)["zh-Hans"], StringComparison.Ordinal);
        Assert.Contains("MIIT", read.Letter.Referrals[0]["en"], StringComparison.Ordinal);
        Assert.Equal(ResolutionAccessOutcome.WrongCode, (await _access.ReadAsync(complaint.Reference, code, _client, CancellationToken.None)).Outcome);
        var history = await _f.Complaints.GetHistoryAsync(complaint.Id, CancellationToken.None);
        Assert.Contains(history, e => e.Type == EventTypes.ResolutionRead);
        Assert.DoesNotContain(history, e => e.Data.Values.Any(v => v.Contains(code, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Another_number_gets_the_same_answer_and_no_text()
    {
        var complaint = Resolved();

        var requested = await _access.RequestCodeAsync(complaint.Reference, "+8613900139000", _client, null, CancellationToken.None);
        var unknown = await _access.RequestCodeAsync("CF-00000-00001", Phone, _client, null, CancellationToken.None);

        Assert.Equal(ResolutionAccessOutcome.CodeRequested, requested.Outcome);
        Assert.Equal(ResolutionAccessOutcome.CodeRequested, unknown.Outcome);
        Assert.Empty(_f.Queue.Notices);
        Assert.Empty(_f.Current(complaint.Id).AccessCodes);
    }

    [Fact]
    public async Task A_complaint_not_resolved_sends_no_code()
    {
        var complaint = Resolved(ComplaintStatus.Open);

        await _access.RequestCodeAsync(complaint.Reference, Phone, _client, null, CancellationToken.None);

        Assert.Empty(_f.Queue.Notices);
    }

    [Fact]
    public async Task A_code_stops_working_when_its_lifetime_is_over()
    {
        var complaint = Resolved();
        await _access.RequestCodeAsync(complaint.Reference, Phone, _client, null, CancellationToken.None);
        var code = await TextedCodeAsync();

        _f.Time.Advance(_sms.AccessCodeLifetime);

        Assert.Equal(ResolutionAccessOutcome.WrongCode, (await _access.ReadAsync(complaint.Reference, code, _client, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task After_five_wrong_codes_even_the_right_one_no_longer_works_and_a_new_code_does()
    {
        var complaint = Resolved();
        await _access.RequestCodeAsync(complaint.Reference, Phone, _client, null, CancellationToken.None);
        var code = await TextedCodeAsync();
        var wrong = ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        for (var i = 0; i < _sms.AccessCodeAttempts; i++)
        {
            Assert.Equal(ResolutionAccessOutcome.WrongCode, (await _access.ReadAsync(complaint.Reference, wrong, _client, CancellationToken.None)).Outcome);
        }

        Assert.Equal(ResolutionAccessOutcome.WrongCode, (await _access.ReadAsync(complaint.Reference, code, _client, CancellationToken.None)).Outcome);
        await _access.RequestCodeAsync(complaint.Reference, Phone, _client, null, CancellationToken.None);
        var second = await TextedCodeAsync();
        Assert.NotEqual(code, second);
        Assert.Equal(ResolutionAccessOutcome.Letter, (await _access.ReadAsync(complaint.Reference, second, _client, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_complaint_is_sent_at_most_three_codes_an_hour()
    {
        var complaint = Resolved();
        for (var i = 0; i < _sms.AccessCodesPerHour; i++)
        {
            Assert.Equal(ResolutionAccessOutcome.CodeRequested, (await _access.RequestCodeAsync(complaint.Reference, Phone, _client, null, CancellationToken.None)).Outcome);
            _f.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = await _access.RequestCodeAsync(complaint.Reference, Phone, _client, null, CancellationToken.None);

        Assert.Equal(ResolutionAccessOutcome.RateLimited, refused.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(57), refused.RetryAfter);
        Assert.Equal(_sms.AccessCodesPerHour, _f.Queue.Notices.Count);
        _f.Time.Advance(TimeSpan.FromMinutes(57));
        Assert.Equal(ResolutionAccessOutcome.CodeRequested, (await _access.RequestCodeAsync(complaint.Reference, Phone, _client, null, CancellationToken.None)).Outcome);
        Assert.Equal(_sms.AccessCodesPerHour + 1, _f.Queue.Notices.Count);
    }

    [Fact]
    public async Task One_client_address_is_held_to_the_status_lookup_budget()
    {
        var complaint = Resolved();
        using var access = new ResolutionAccess(_f.Complaints, new Notices(_f.Queue), new AccessCodes(_sms), _sms, new StatusRateLimitOptions { PerClient = 2 }, new NotifyOptions(), _f.Time);

        await access.ReadAsync(complaint.Reference, "111111", _client, CancellationToken.None);
        await access.ReadAsync(complaint.Reference, "222222", _client, CancellationToken.None);
        var third = await access.ReadAsync(complaint.Reference, "333333", _client, CancellationToken.None);

        Assert.Equal(ResolutionAccessOutcome.RateLimited, third.Outcome);
        Assert.NotNull(third.RetryAfter);
    }

    [Fact]
    public async Task A_code_to_an_opted_out_number_is_not_sent_and_neither_flags_the_customer_nor_goes_by_email()
    {
        var complaint = Resolved();
        _f.Complaints.Add(_f.Current(complaint.Id) with { Contact = complaint.Contact with { Email = "li@example.com" } });
        _f.OptedOut.Add(Phone);
        await _access.RequestCodeAsync(complaint.Reference, Phone, _client, null, CancellationToken.None);

        await _f.Notify(sms: _sms).HandleAsync(Assert.Single(_f.Queue.Notices), CancellationToken.None);

        var after = _f.Current(complaint.Id);
        Assert.Equal(NotificationStatus.NotSent, after.Notifications.Single(n => n.Kind == NotificationKind.AccessCode).Status);
        Assert.DoesNotContain(after.Notifications, n => n.Kind == NotificationKind.AccessCode && n.Channel == NotificationChannel.Email);
        Assert.False(after.CustomerNotReached());
        Assert.Empty(_f.Email.Sent);
    }

    [Fact]
    public async Task Without_a_key_no_code_is_sent()
    {
        var complaint = Resolved();
        var sms = new SmsOptions();
        using var access = new ResolutionAccess(_f.Complaints, new Notices(_f.Queue), new AccessCodes(sms), sms, new StatusRateLimitOptions(), new NotifyOptions(), _f.Time);

        Assert.Equal(ResolutionAccessOutcome.Unavailable, (await access.RequestCodeAsync(complaint.Reference, Phone, _client, null, CancellationToken.None)).Outcome);
        Assert.Empty(_f.Queue.Notices);
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
