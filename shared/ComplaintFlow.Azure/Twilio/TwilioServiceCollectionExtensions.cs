using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ComplaintFlow.Azure.Twilio;

public static class TwilioServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TwilioSmsSender"/> as a typed HttpClient with <see cref="TwilioOptions"/> bound and
    /// validated at start. Pipeline, outermost first: total timeout, retry (429 honouring Retry-After, 408, 5xx,
    /// network errors and attempt timeouts; exponential back-off with jitter), per-attempt timeout. A 4xx other
    /// than 408/429 is not retried: it would be refused again.
    /// </summary>
    public static IHttpClientBuilder AddTwilioSms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TwilioOptions>()
            .Bind(configuration.GetSection(TwilioOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var client = services.AddHttpClient<TwilioSmsSender>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<TwilioOptions>>().Value;
            http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");

            // The pipeline's timeouts govern; HttpClient's own 100 s default would cut across retries.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        return WithResilience(client, "twilio");
    }

    /// <summary>
    /// Registers <see cref="TwilioMediaSource"/> as a typed HttpClient with the same pipeline as
    /// <see cref="AddTwilioSms"/> (which binds <see cref="TwilioOptions"/>). Its handler follows no redirect: the
    /// source decides which it follows, and sends no credentials there.
    /// </summary>
    public static IHttpClientBuilder AddTwilioMedia(this IServiceCollection services)
    {
        var client = services.AddHttpClient<TwilioMediaSource>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        return WithResilience(client, "twilio-media");
    }

    private static IHttpClientBuilder WithResilience(IHttpClientBuilder client, string name)
    {
        client.AddResilienceHandler(name, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value;
            pipeline
                .AddTimeout(options.TotalTimeout)
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    ShouldRetryAfterHeader = true,
                })
                .AddTimeout(options.Timeout);
        });
        return client;
    }
}
