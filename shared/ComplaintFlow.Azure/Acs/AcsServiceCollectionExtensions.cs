using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ComplaintFlow.Azure.Acs;

public static class AcsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AcsSmsSender"/> as a typed HttpClient, with the same pipeline as Twilio's: total timeout,
    /// retry (429 with Retry-After, 408, 5xx, network errors, attempt timeouts; exponential back-off with jitter),
    /// per-attempt timeout. A retried request carries the same repeatability id, so ACS sends it once.
    /// </summary>
    public static IHttpClientBuilder AddAcsSms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AcsSmsOptions>()
            .Bind(configuration.GetSection(AcsSmsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var client = services.AddHttpClient<AcsSmsSender>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<AcsSmsOptions>>().Value;
            http.BaseAddress = new Uri(options.Endpoint!.TrimEnd('/') + "/");
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        client.AddResilienceHandler("acs", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<AcsSmsOptions>>().Value;
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
