using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Notify.Sms;

namespace ComplaintFlow.Core.Tests.Notify;

public sealed class SmsComposerTests
{
    private static readonly string Id = ComplaintId.FromSource(Channel.Sms, "SM1f0e8ae6ade43cb3c0ce4525424e404f");
    private static readonly string Reference = ComplaintId.ToReference(Id);
    private static readonly IntakeOptions Intake = new() { PublicBaseUrl = "https://complaints.example.com/" };

    private static SmsComposer Composer(int maxSegments = 3) => new(new SmsOptions { MaxSegments = maxSegments }, Intake.Site);

    private static string StatusUrl => $"https://complaints.example.com/s/{Reference}";

    [Theory]
    [InlineData(SupportedLanguages.English, "We received your complaint")]
    [InlineData(SupportedLanguages.SimplifiedChinese, "已收到您的投诉")]
    [InlineData(SupportedLanguages.TraditionalChinese, "已收到您的投訴")]
    public void Acknowledgement_gives_the_reference_and_status_link_in_the_customers_language(string language, string wording)
    {
        var text = Composer().Acknowledgement(Id, language);

        Assert.Contains(wording, text, StringComparison.Ordinal);
        Assert.Contains(Reference, text, StringComparison.Ordinal);
        Assert.Contains(StatusUrl, text, StringComparison.Ordinal);
        Assert.InRange(SmsSegmenter.Measure(text).Segments, 1, 3);
    }

    [Theory]
    [InlineData(SupportedLanguages.English, "Reply STOP")]
    [InlineData(SupportedLanguages.SimplifiedChinese, "回复退订")]
    public void With_room_the_text_names_the_sender_and_how_to_opt_out(string language, string optOut)
    {
        var text = Composer().ResolutionPointer(Id, language);

        Assert.Contains("ComplaintFlow", text, StringComparison.Ordinal);
        Assert.Contains(optOut, text, StringComparison.Ordinal);
        Assert.Contains($"https://complaints.example.com/r/{Reference}", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SupportedLanguages.English)]
    [InlineData(SupportedLanguages.SimplifiedChinese)]
    [InlineData(SupportedLanguages.TraditionalChinese)]
    public void A_one_segment_limit_shortens_the_text_but_keeps_the_reference(string language)
    {
        var text = Composer(maxSegments: 1).Acknowledgement(Id, language);

        Assert.Equal(1, SmsSegmenter.Measure(text).Segments);
        Assert.Contains(Reference, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Chinese_notices_are_longer_in_segments_than_English_ones_for_the_same_content()
    {
        var english = SmsSegmenter.Measure(Composer().Acknowledgement(Id, SupportedLanguages.English));
        var chinese = SmsSegmenter.Measure(Composer().Acknowledgement(Id, SupportedLanguages.SimplifiedChinese));

        Assert.Equal(SmsEncoding.Gsm7, english.Encoding);
        Assert.Equal(SmsEncoding.Ucs2, chinese.Encoding);
        Assert.True(chinese.Segments > english.Segments, $"zh {chinese.Segments} segments, en {english.Segments}");
    }

    [Theory]
    [InlineData(SupportedLanguages.English, "To complain")]
    [InlineData(SupportedLanguages.SimplifiedChinese, "投诉请直接回复")]
    [InlineData(SupportedLanguages.TraditionalChinese, "投訴請直接回覆")]
    public void Help_answers_with_how_to_complain(string language, string wording)
    {
        var text = Composer().Help(language);

        Assert.Contains(wording, text, StringComparison.Ordinal);
        Assert.Contains("https://complaints.example.com", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_within_the_window_joins_the_open_complaint_and_one_after_it_or_after_resolution_does_not()
    {
        var policy = new SmsThreadingPolicy(new SmsOptions { JoinWindow = TimeSpan.FromMinutes(30) });
        var last = new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

        Assert.True(policy.JoinsExisting(ComplaintStatus.Received, last, last.AddMinutes(29)));
        Assert.True(policy.JoinsExisting(ComplaintStatus.WaitingOnCustomer, last, last.AddMinutes(-1)));
        Assert.False(policy.JoinsExisting(ComplaintStatus.Open, last, last.AddMinutes(31)));
        Assert.False(policy.JoinsExisting(ComplaintStatus.Resolved, last, last.AddMinutes(1)));
    }

    [Fact]
    public async Task An_opted_out_number_is_never_texted_and_the_refusal_says_why()
    {
        var optOuts = new InMemoryOptOuts();
        var provider = new RecordingSender();
        var sender = new OptOutRespectingSmsSender(provider, optOuts);
        await optOuts.OptOutAsync("+8613800138000", "退订", CancellationToken.None);

        var suppressed = await Assert.ThrowsAsync<NoticeSuppressedException>(() => sender.SendAsync(new SmsMessage("+8613800138000", "ack"), CancellationToken.None));
        var sent = await sender.SendAsync(new SmsMessage("+8613900139000", "ack"), CancellationToken.None);

        Assert.Equal("sms-opt-out", suppressed.Reason);
        Assert.Equal("SM1", sent);
        Assert.Equal(["+8613900139000"], provider.Sent.Select(m => m.To));
    }

    /// <summary>Stands in for the Azure Tables store (tested on Azurite in the integration tests).</summary>
    private sealed class InMemoryOptOuts : ISmsOptOuts
    {
        private readonly HashSet<string> _numbers = [];

        public Task<bool> IsOptedOutAsync(string e164, CancellationToken cancellationToken) => Task.FromResult(_numbers.Contains(e164));

        public Task OptOutAsync(string e164, string keyword, CancellationToken cancellationToken) => Task.FromResult(_numbers.Add(e164));

        public Task OptInAsync(string e164, CancellationToken cancellationToken) => Task.FromResult(_numbers.Remove(e164));
    }

    private sealed class RecordingSender : ISmsSender
    {
        public List<SmsMessage> Sent { get; } = [];

        public Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.FromResult<string?>($"SM{Sent.Count}");
        }
    }
}
