using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Intake;

/// <summary>
/// Pictures sent by MMS (<see cref="SmsMediaIntake"/>): the text is stored first, then each media is fetched from the
/// provider's own address only and kept as an attachment under the email channel's limits; what is not kept is
/// recorded on the complaint with why, and the complaint stands.
/// </summary>
public sealed class SmsMediaTests
{
    private const string Customer = "+8613800138000";
    private const string Sid = "MM0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Repeat((byte)7, 596)];
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;

    public SmsMediaTests() => _pipeline = new InMemoryPipeline(_time);

    private Task<InboundSmsOutcome> TextAsync(string body, IReadOnlyList<SmsMedia> media, string sid = Sid) =>
        _pipeline.SmsIntake.HandleAsync(
            new InboundSms
            {
                Provider = SmsProvider.Twilio,
                MessageId = sid,
                From = Customer,
                FromIsE164 = true,
                To = "+8610655500000",
                Body = body,
                Media = media,
                ReceivedAt = _time.GetUtcNow(),
            },
            new RawPayload(System.Text.Encoding.UTF8.GetBytes($"MessageSid={sid}&Body={body}"), "application/x-www-form-urlencoded", "txt"),
            traceParent: null,
            CancellationToken.None);

    private Complaint Only() => Assert.Single(_pipeline.Store.All());

    [Fact]
    public async Task A_picture_is_kept_as_an_attachment_of_the_complaint_after_the_text_is_stored()
    {
        var url = _pipeline.MediaSource.Put(Sid, "ME01", "image/jpeg", Photo);

        var outcome = await TextAsync("The meter reads wrong, photo attached", [new SmsMedia(url, "image/jpeg")]);

        // The webhook's work is done without asking the provider for anything: the text is the complaint already.
        Assert.Equal(InboundSmsOutcomeKind.Created, outcome.Kind);
        Assert.Empty(_pipeline.MediaSource.Requested);
        Assert.Contains("The meter reads wrong", Only().Text, StringComparison.Ordinal);

        await _pipeline.RunSmsMediaAsync();

        var attachment = Assert.Single(Only().Attachments);
        Assert.Equal(("media1.jpg", "image/jpeg", Photo.Length), (attachment.Name, attachment.ContentType, (int)attachment.Size));
        Assert.StartsWith($"attachments/{outcome.ComplaintId}/", attachment.BlobName, StringComparison.Ordinal);
        Assert.Equal(Photo, _pipeline.Raw.Read(attachment.BlobName));
        Assert.Empty(Only().AttachmentsNotKept);
    }

    [Fact]
    public async Task A_picture_texted_to_an_open_complaint_is_kept_on_that_complaint()
    {
        var first = await TextAsync("My broadband is down", [], sid: "SM0000000000000000000000000000000a");
        _time.Advance(TimeSpan.FromMinutes(2));
        var url = _pipeline.MediaSource.Put(Sid, "ME01", "image/png", Photo);

        var second = await TextAsync("Here is the router's light", [new SmsMedia(url, "image/png")]);
        await _pipeline.RunSmsMediaAsync();

        Assert.Equal((InboundSmsOutcomeKind.Appended, first.ComplaintId), (second.Kind, second.ComplaintId));
        Assert.Equal("media1.png", Assert.Single(Only().Attachments).Name);
    }

    [Theory]
    [InlineData("https://evil.example/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/" + Sid + "/Media/ME01")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("https://api.twilio.com.evil.example/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/" + Sid + "/Media/ME01")]
    [InlineData("http://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/" + Sid + "/Media/ME01")]
    [InlineData("https://api.twilio.com:8443/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/" + Sid + "/Media/ME01")]
    [InlineData("https://user:pw@api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/" + Sid + "/Media/ME01")]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC99999999999999999999999999999999/Messages/" + Sid + "/Media/ME01")]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/MMother/Media/ME01")]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/" + Sid + "/Media/ME01/../../../../Calls.json")]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/" + Sid + "/Media/%2e%2e")]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/" + Sid + "/Media/ME01?redirect=https://evil.example")]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/" + Sid + ".json")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public async Task A_media_url_that_is_not_this_messages_media_at_the_providers_address_is_never_requested(string url)
    {
        var outcome = await TextAsync("Photo of the damage", [new SmsMedia(url, "image/jpeg")]);
        await _pipeline.RunSmsMediaAsync();

        Assert.Empty(_pipeline.MediaSource.Requested);
        Assert.Equal(InboundSmsOutcomeKind.Created, outcome.Kind);
        var complaint = Only();
        Assert.Empty(complaint.Attachments);
        var missing = Assert.Single(complaint.AttachmentsNotKept);
        Assert.Equal(("media1.jpg", SmsMediaReasons.NotProviderHost), (missing.Name, missing.Reason));
        var history = await _pipeline.Store.GetHistoryAsync(complaint.Id, CancellationToken.None);
        Assert.Equal(SmsMediaReasons.NotProviderHost, Assert.Single(history, e => e.Type == EventTypes.AttachmentNotKept).Data["reason"]);
    }

    [Fact]
    public void The_providers_own_media_address_is_recognised_case_insensitively_in_its_host_only()
    {
        var prefix = new Uri(InMemorySmsMediaSource.AccountPrefix);

        Assert.True(SmsMediaAddresses.IsOwnMedia(new Uri($"https://API.Twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/{Sid}/Media/ME01"), prefix, Sid));
        Assert.False(SmsMediaAddresses.IsOwnMedia(new Uri($"https://api.twilio.com/2010-04-01/accounts/AC00000000000000000000000000000001/Messages/{Sid}/Media/ME01"), prefix, Sid));
        Assert.True(SmsMediaAddresses.IsOwnMedia(new Uri($"{InMemorySmsMediaSource.AccountPrefix}MMother/Media/ME01"), prefix, messageId: null));
    }

    [Fact]
    public async Task A_media_over_the_email_channels_byte_limit_is_recorded_and_the_complaint_keeps_the_rest()
    {
        _pipeline.InboundEmailOptions.MaxAttachmentBytes = 1_000;
        var small = _pipeline.MediaSource.Put(Sid, "ME01", "image/jpeg", Photo);
        var large = _pipeline.MediaSource.Put(Sid, "ME02", "image/jpeg", Photo);

        var outcome = await TextAsync("Two photos of the bill", [new SmsMedia(small, "image/jpeg"), new SmsMedia(large, "image/jpeg")]);
        await _pipeline.RunSmsMediaAsync();

        var complaint = Only();
        Assert.Equal(outcome.ComplaintId, complaint.Id);
        Assert.Equal("media1.jpg", Assert.Single(complaint.Attachments).Name);
        var missing = Assert.Single(complaint.AttachmentsNotKept);
        Assert.Equal(("media2.jpg", "image/jpeg", SmsMediaReasons.OverLimit), (missing.Name, missing.ContentType, missing.Reason));
    }

    [Fact]
    public async Task Media_beyond_the_email_channels_count_limit_are_recorded_without_being_fetched()
    {
        _pipeline.InboundEmailOptions.MaxAttachments = 1;
        var urls = new[] { "ME01", "ME02", "ME03" }.Select(me => _pipeline.MediaSource.Put(Sid, me, "image/gif", Photo)).ToList();

        await TextAsync("Screenshots", [.. urls.Select(u => new SmsMedia(u, "image/gif"))]);
        await _pipeline.RunSmsMediaAsync();

        Assert.Single(_pipeline.MediaSource.Requested);
        Assert.Single(Only().Attachments);
        Assert.Equal([SmsMediaReasons.OverLimit, SmsMediaReasons.OverLimit], Only().AttachmentsNotKept.Select(n => n.Reason));
    }

    [Fact]
    public async Task A_redelivered_webhook_and_a_queue_message_handled_twice_keep_each_media_once()
    {
        var url = _pipeline.MediaSource.Put(Sid, "ME01", "image/jpeg", Photo);
        var foreign = "https://evil.example/photo.jpg";
        IReadOnlyList<SmsMedia> media = [new SmsMedia(url, "image/jpeg"), new SmsMedia(foreign, "image/jpeg")];

        await TextAsync("Photo of the meter", media);
        var again = await TextAsync("Photo of the meter", media);
        await _pipeline.RunSmsMediaAsync(deliveries: 2);

        Assert.Equal(InboundSmsOutcomeKind.Duplicate, again.Kind);
        var complaint = Only();
        Assert.Single(complaint.Attachments);
        Assert.Single(complaint.AttachmentsNotKept);
        Assert.Single(_pipeline.MediaSource.Requested);
        var history = await _pipeline.Store.GetHistoryAsync(complaint.Id, CancellationToken.None);
        Assert.Single(history, e => e.Type == EventTypes.AttachmentNotKept);
    }

    [Fact]
    public async Task A_media_the_provider_refuses_is_recorded_as_not_fetchable()
    {
        var unknown = $"{InMemorySmsMediaSource.AccountPrefix}{Sid}/Media/ME404";

        await TextAsync("Photo", [new SmsMedia(unknown, "image/jpeg")]);
        await _pipeline.RunSmsMediaAsync();

        Assert.Equal(SmsMediaReasons.NotFetchable, Assert.Single(Only().AttachmentsNotKept).Reason);
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_leaves_the_media_to_a_later_delivery_and_giving_up_records_it()
    {
        var url = _pipeline.MediaSource.Put(Sid, "ME01", "image/jpeg", Photo);
        await TextAsync("Photo", [new SmsMedia(url, "image/jpeg")]);
        _pipeline.MediaSource.FailNext(1);

        await Assert.ThrowsAsync<AggregateException>(() => _pipeline.RunSmsMediaAsync());
        Assert.Empty(Only().AttachmentsNotKept);
        await _pipeline.RunSmsMediaAsync();
        Assert.Single(Only().Attachments);

        // Had every delivery failed, the queue's last one records what is still missing (and nothing already kept).
        var message = new SmsMediaMessage(Only().Id, SmsProvider.Twilio, Sid, [new SmsMedia(url, "image/jpeg"), new SmsMedia($"{InMemorySmsMediaSource.AccountPrefix}{Sid}/Media/ME02", null)]);
        await _pipeline.SmsMedia.GiveUpAsync(message, CancellationToken.None);
        var missing = Assert.Single(Only().AttachmentsNotKept);
        Assert.Equal(("media2", SmsMediaReasons.NotFetchable), (missing.Name, missing.Reason));
    }

    [Fact]
    public async Task A_text_of_only_a_picture_is_a_complaint()
    {
        var url = _pipeline.MediaSource.Put(Sid, "ME01", "image/jpeg", Photo);

        var outcome = await TextAsync(string.Empty, [new SmsMedia(url, "image/jpeg")]);
        await _pipeline.RunSmsMediaAsync();

        Assert.Equal(InboundSmsOutcomeKind.Created, outcome.Kind);
        Assert.Single(Only().Attachments);
    }
}
