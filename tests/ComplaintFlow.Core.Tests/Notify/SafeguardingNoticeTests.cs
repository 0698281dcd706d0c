using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Notify;

/// <summary>
/// A complaint that sets off a safeguarding rule is acknowledged with who to call now, for where the customer is and
/// in their language, by email and by text; any other complaint's acknowledgement says nothing of it.
/// </summary>
public sealed class SafeguardingNoticeTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private readonly InMemoryPipeline _pipeline = new(new FakeTimeProvider(Monday));

    [Theory]
    [InlineData("en", "+447911123456", "I don't see the point in going on, the debt collectors call every day.", "call 999", "Samaritans free on 116 123", "We are treating your complaint as urgent.")]
    [InlineData("en", "+12025550143", "My mother uses an oxygen concentrator and the power has been off since noon.", "call 911", "988", "We are treating your complaint as urgent.")]
    [InlineData("zh-Hans", "+8613800138000", "家里有制氧机，已经停电五个小时了。", "110（报警）或120（急救）", "心理援助热线12356", "我们已将您的投诉列为紧急处理。")]
    [InlineData("zh-Hant", "+85291234567", "我有輕生的念頭，欠款的電話每天打來。", "請立即致電999", "2389 2222", "我們已將您的投訴列為緊急處理。")]
    public async Task The_acknowledgement_email_opens_with_the_numbers_for_the_customers_region(string language, string phone, string text, string emergency, string support, string urgent)
    {
        var id = (await _pipeline.SubmitAsync("key-1", text, phone: phone, language: language)).Complaint.Id;
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();

        Assert.True((await _pipeline.ComplaintAsync(id)).Triage!.Safeguarding);
        var email = Assert.Single(_pipeline.Email.Sent);
        Assert.Contains(emergency, email.Text, StringComparison.Ordinal);
        Assert.Contains(support, email.Text, StringComparison.Ordinal);
        Assert.Contains(urgent, email.Text, StringComparison.Ordinal);
        // Before the record is read back: the first thing after the greeting.
        Assert.True(email.Text.IndexOf(emergency, StringComparison.Ordinal) < email.Text.IndexOf(ComplaintId.ToReference(id) + "\n", StringComparison.Ordinal));
        Assert.Contains(emergency, email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_safeguarding_concern_the_acknowledgement_gives_no_emergency_numbers()
    {
        await _pipeline.SubmitAsync("key-1", "My bill doubled without notice and the power was off for an hour.", phone: "+447911123456");
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();

        var email = Assert.Single(_pipeline.Email.Sent);
        Assert.DoesNotContain("999", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("urgent", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_message_complaint_gets_the_numbers_in_its_acknowledgement_text_with_the_reference_and_promise()
    {
        var outcome = await _pipeline.TextAsync("SM" + new string('a', 32), "老人在家，停电两天了，没有暖气", "+8613800138000");
        await _pipeline.RunTriageAsync();
        await _pipeline.RunNotifyAsync();

        var complaint = await _pipeline.ComplaintAsync(outcome.ComplaintId!);
        Assert.True(complaint.Triage!.Safeguarding);
        var sms = Assert.Single(_pipeline.Sms.Sent);
        Assert.StartsWith("【", sms.Body, StringComparison.Ordinal);
        Assert.Contains("如有危险请拨110或120；心理援助热线12356。", sms.Body, StringComparison.Ordinal);
        Assert.Contains(complaint.Reference, sms.Body, StringComparison.Ordinal);
        Assert.Contains("前答复", sms.Body, StringComparison.Ordinal);
        Assert.InRange(SmsSegmenter.Measure(sms.Body).Segments, 1, _pipeline.SmsOptions.MaxSegments);
    }

    [Theory]
    [InlineData("GB", "en", "GB", "call 999")]
    [InlineData("gb", "zh-Hans", "GB", "拨打999")]
    [InlineData("US", "zh-Hant", "US", "撥打911")]
    [InlineData("TW", "zh-Hant", "TW", "1925")]
    [InlineData(null, "zh-Hans", "CN", "12356")]
    [InlineData(null, "zh-Hant", "HK", "2389 2222")]
    [InlineData("SG", "zh-Hans", "CN", "12356")]
    [InlineData(null, "en", null, "999 in the UK and Hong Kong, 911 in the US, 110 or 120 in mainland China")]
    [InlineData("FR", "en", null, "your local emergency number")]
    public void Numbers_follow_the_region_else_the_language(string? region, string language, string? expectedRegion, string expected)
    {
        var contact = EmergencyContacts.For(region, language);

        Assert.Equal(expectedRegion, contact.Region);
        Assert.Contains(expected, contact.Text, StringComparison.Ordinal);
        Assert.True(contact.Short.Length < contact.Text.Length);
    }
}
