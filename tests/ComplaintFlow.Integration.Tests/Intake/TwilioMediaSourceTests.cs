using System.Collections.Concurrent;
using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Fakes.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Integration.Tests.Intake;

/// <summary>
/// The Twilio media client against the local Twilio fake over a real port: basic auth, the byte budget, and
/// redirects, which it follows only to Twilio's media CDN over https and never with the account's credentials.
/// </summary>
public sealed class TwilioMediaSourceTests : IAsyncLifetime
{
    private const string Sid = "MM00000000000000000000000000000009";
    private readonly ConcurrentQueue<(string Path, string? Authorization)> _elsewhere = new();
    private WebApplication _fake = null!;
    private TwilioFakeStore _store = null!;
    private Uri _baseUrl = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _fake = builder.Build();
        _store = _fake.MapTwilioFake();
        // A media whose answer redirects to the same server under another name ("localhost"): the client must not go.
        _fake.MapGet($"/2010-04-01/Accounts/{TwilioFakeStore.DefaultAccountSid}/Messages/{Sid}/Media/MEredirect", (HttpContext context) =>
            Results.Redirect($"http://localhost:{context.Connection.LocalPort}/cdn/photo.jpg", permanent: false, preserveMethod: true));
        _fake.MapGet("/cdn/photo.jpg", (HttpContext context) =>
        {
            _elsewhere.Enqueue((context.Request.Path, context.Request.Headers.Authorization.FirstOrDefault()));
            return Results.Bytes([1, 2, 3], "image/jpeg");
        });
        await _fake.StartAsync();
        _baseUrl = new Uri(_fake.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private TwilioMediaSource Source(string authToken = TwilioFakeStore.DefaultAuthToken)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ComplaintFlow:Twilio:AccountSid"] = TwilioFakeStore.DefaultAccountSid,
            ["ComplaintFlow:Twilio:AuthToken"] = authToken,
            ["ComplaintFlow:Twilio:FromNumber"] = "+14155238886",
            ["ComplaintFlow:Twilio:BaseUrl"] = _baseUrl.ToString().TrimEnd('/'),
            ["ComplaintFlow:Twilio:RetryDelay"] = "00:00:00.010",
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTwilioSms(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddTwilioMedia();
        return services.BuildServiceProvider().GetRequiredService<TwilioMediaSource>();
    }

    private Uri Media(byte[] content, string contentType = "image/jpeg") =>
        new(_baseUrl, _store.MediaPath(Sid, _store.AddMedia(Sid, contentType, content)));

    [Fact]
    public async Task A_media_is_fetched_with_the_accounts_basic_auth_and_served_type()
    {
        var fetched = await Source().FetchAsync(SmsProvider.Twilio, Media([9, 8, 7], "image/png"), 1_000, CancellationToken.None);

        Assert.Equal((SmsMediaFetchStatus.Fetched, "image/png"), (fetched.Status, fetched.ContentType));
        Assert.Equal([9, 8, 7], fetched.Content.ToArray());
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_by_the_fake_as_Twilio_refuses_them()
    {
        var fetched = await Source(authToken: "not-the-token").FetchAsync(SmsProvider.Twilio, Media([1]), 1_000, CancellationToken.None);

        Assert.Equal((SmsMediaFetchStatus.Refused, "HTTP 401"), (fetched.Status, fetched.Detail));
    }

    [Fact]
    public async Task A_media_larger_than_the_bytes_left_is_not_read()
    {
        var fetched = await Source().FetchAsync(SmsProvider.Twilio, Media(new byte[5_000]), 4_096, CancellationToken.None);

        Assert.Equal(SmsMediaFetchStatus.TooLarge, fetched.Status);
        Assert.True(fetched.Content.IsEmpty);
    }

    [Fact]
    public async Task A_redirect_to_a_host_other_than_Twilios_media_CDN_is_not_followed()
    {
        var url = new Uri(_baseUrl, $"/2010-04-01/Accounts/{TwilioFakeStore.DefaultAccountSid}/Messages/{Sid}/Media/MEredirect");

        var fetched = await Source().FetchAsync(SmsProvider.Twilio, url, 1_000, CancellationToken.None);

        Assert.Equal(SmsMediaFetchStatus.Refused, fetched.Status);
        Assert.Empty(_elsewhere);
    }

    [Fact]
    public async Task A_url_outside_the_accounts_media_is_refused_without_a_request()
    {
        var fetched = await Source().FetchAsync(SmsProvider.Twilio, new Uri(_baseUrl, "/cdn/photo.jpg"), 1_000, CancellationToken.None);

        Assert.Equal(SmsMediaFetchStatus.Refused, fetched.Status);
        Assert.Empty(_elsewhere);
    }

    [Theory]
    [InlineData("https://mms.twiliocdn.com/AC1/abc?Expires=1", true)]
    [InlineData("https://MMS.TwilioCDN.com/AC1/abc", true)]
    [InlineData("http://mms.twiliocdn.com/AC1/abc", false)]
    [InlineData("https://mms.twiliocdn.com:8443/AC1/abc", false)]
    [InlineData("https://mms.twiliocdn.com.evil.example/AC1/abc", false)]
    [InlineData("https://s3-external-1.amazonaws.com/media.twiliocdn.com/AC1/abc", false)]
    [InlineData("https://169.254.169.254/latest/meta-data", false)]
    public void Redirects_are_followed_only_over_https_to_the_configured_media_hosts(string target, bool followed)
    {
        Assert.Equal(followed, TwilioMediaSource.IsAllowedRedirect(new Uri(target), new TwilioOptions()));
    }
}
