using System.Net;
using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Fakes.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Integration.Tests.Notify;

/// <summary>The hand-written Twilio client against the local fake of the Messages API, over a real port.</summary>
public sealed class TwilioSmsSenderTests : IAsyncLifetime
{
    private const string From = "+14155238886";
    private WebApplication _fake = null!;
    private TwilioFakeStore _store = null!;
    private string _baseUrl = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _fake = builder.Build();
        _store = _fake.MapTwilioFake();
        await _fake.StartAsync();
        _baseUrl = _fake.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private ServiceProvider Services(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ComplaintFlow:Twilio:AccountSid"] = TwilioFakeStore.DefaultAccountSid,
            ["ComplaintFlow:Twilio:AuthToken"] = TwilioFakeStore.DefaultAuthToken,
            ["ComplaintFlow:Twilio:FromNumber"] = From,
            ["ComplaintFlow:Twilio:BaseUrl"] = _baseUrl,
            ["ComplaintFlow:Twilio:RetryDelay"] = "00:00:00.010",
            ["ComplaintFlow:Twilio:Timeout"] = "00:00:10",
            ["ComplaintFlow:Twilio:TotalTimeout"] = "00:00:30",
        };
        configure?.Invoke(settings);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTwilioSms(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    private TwilioSmsSender Sender(Action<Dictionary<string, string?>>? configure = null) =>
        Services(configure).GetRequiredService<TwilioSmsSender>();

    [Fact]
    public async Task A_text_is_sent_with_basic_auth_as_a_form_post_and_Twilios_sid_returned()
    {
        var body = "【ComplaintFlow】已收到您的投诉，编号CF-0ABCD-EFGH2。";

        var sid = await Sender().SendAsync(new SmsMessage("+8613800138000", body), CancellationToken.None);

        var message = Assert.Single(_store.Messages);
        Assert.Equal(message.Sid, sid);
        Assert.StartsWith("SM", sid, StringComparison.Ordinal);
        Assert.Equal(("+8613800138000", From, body), (message.To, message.From, message.Body));
    }

    [Fact]
    public async Task A_messaging_service_sends_instead_of_a_from_number_when_configured()
    {
        const string service = "MG00000000000000000000000000000002";

        await Sender(s => (s["ComplaintFlow:Twilio:FromNumber"], s["ComplaintFlow:Twilio:MessagingServiceSid"]) = (null, service))
            .SendAsync(new SmsMessage("+8613800138000", "hi"), CancellationToken.None);

        var message = Assert.Single(_store.Messages);
        Assert.Equal((null, service), (message.From, message.MessagingServiceSid));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_time_Twilio_asks_for()
    {
        _store.FailNext(1, 429, retryAfter: TimeSpan.FromSeconds(1));

        // The back-off alone would wait an hour (past the total timeout): only honouring Retry-After lets this pass.
        var sid = await Sender(s => s["ComplaintFlow:Twilio:RetryDelay"] = "01:00:00").SendAsync(new SmsMessage("+8613800138000", "ack"), CancellationToken.None);

        Assert.Equal(2, _store.RequestCount);
        Assert.Equal(Assert.Single(_store.Messages).Sid, sid);
    }

    [Fact]
    public async Task Server_errors_are_retried_until_Twilio_accepts()
    {
        _store.FailNext(2, 500);

        var sid = await Sender().SendAsync(new SmsMessage("+8613800138000", "ack"), CancellationToken.None);

        Assert.Equal(3, _store.RequestCount);
        Assert.Equal(Assert.Single(_store.Messages).Sid, sid);
    }

    [Fact]
    public async Task Retries_stop_at_the_configured_count_and_the_failure_is_thrown_so_the_queue_retries_later()
    {
        _store.FailNext(10, 503);

        var error = await Assert.ThrowsAsync<TwilioApiException>(() =>
            Sender(s => s["ComplaintFlow:Twilio:MaxRetries"] = "2").SendAsync(new SmsMessage("+8613800138000", "ack"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.False(error.IsPermanent);
        Assert.Equal(3, _store.RequestCount);
        Assert.Empty(_store.Messages);
    }

    [Fact]
    public async Task A_400_is_not_retried_and_names_Twilios_error_code_without_the_phone_number()
    {
        var error = await Assert.ThrowsAsync<TwilioApiException>(() =>
            Sender().SendAsync(new SmsMessage("13800138000", "ack"), CancellationToken.None));

        Assert.Equal(1, _store.RequestCount);
        Assert.Equal(21211, error.Code);
        Assert.True(error.IsPermanent);
        Assert.Contains("21211", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_get_Twilios_401_and_are_not_retried()
    {
        var error = await Assert.ThrowsAsync<TwilioApiException>(() =>
            Sender(s => s["ComplaintFlow:Twilio:AuthToken"] = "wrong").SendAsync(new SmsMessage("+8613800138000", "ack"), CancellationToken.None));

        Assert.Equal((HttpStatusCode.Unauthorized, 20003), (error.Status, error.Code));
        Assert.Equal(1, _store.RequestCount);
        // Our configuration, not the customer's number: the notice is failed for the queue to retry and park for a
        // replay once the token is fixed, never recorded as one that can never be sent.
        Assert.False(error.IsPermanent);
    }

    [Fact]
    public void Settings_without_a_sender_are_refused_at_start_naming_the_keys()
    {
        using var services = Services(s => s["ComplaintFlow:Twilio:FromNumber"] = null);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TwilioOptions>>().Value);

        Assert.Contains("ComplaintFlow:Twilio:FromNumber", error.Message, StringComparison.Ordinal);
    }
}
