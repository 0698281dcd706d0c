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
        client.AddResilienceHandler("twilio", (pipeline, context) =>
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
