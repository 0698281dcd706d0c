using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ComplaintFlow.Azure.Acs;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Notify.Sms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Azure;

public static class ChannelRegistration
{
    /// <summary>
    /// Quarantine, SMS opt-outs and threads, and the SMS sender. Twilio is registered only when its account is
    /// configured (it is empty in Azure until SMS is set up); until then an SMS notice fails and is retried, then
    /// parked. Whatever the sender, opted-out numbers are never texted.
    /// </summary>
    public static IServiceCollection AddComplaintFlowChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IQuarantine>(sp => new BlobQuarantine(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<StorageOptions>().Container(ContainerNames.RawInbound)),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISmsOptOuts>(sp => new TableSmsOptOuts(TableOf(sp, TableNames.SmsOptOuts), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISmsThreads>(sp => new TableSmsThreads(TableOf(sp, TableNames.SmsThreads)));

        var twilio = IsTwilioConfigured(configuration);
        if (twilio)
        {
            services.AddTwilioSms(configuration);
            services.AddTwilioMedia();
        }

        var acs = IsAcsConfigured(configuration);
        if (acs)
        {
            services.AddAcsSms(configuration);
        }

        services.AddTransient(sp => new SmsProviders(
            twilio ? sp.GetRequiredService<TwilioSmsSender>() : new UnconfiguredSmsSender(),
            acs ? sp.GetRequiredService<AcsSmsSender>() : null,
            acs ? sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AcsSmsOptions>>().Value.FromNumber : null));
        // ACS's inbound event carries no media (SMSReceived has message, from, to, ids, segments, timestamp): only
        // Twilio's MMS have media to fetch. Without Twilio no media URL is anyone's to fetch.
        services.AddTransient<ISmsMediaSource>(sp => twilio ? sp.GetRequiredService<TwilioMediaSource>() : new NoSmsMedia());
        services.AddTransient<ISmsSender>(sp => new OptOutRespectingSmsSender(sp.GetRequiredService<SmsProviders>(), sp.GetRequiredService<ISmsOptOuts>()));
        return services;
    }

    public static bool IsAcsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{AcsSmsOptions.Section}:Endpoint"]);

    public static bool IsTwilioConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{TwilioOptions.Section}:AccountSid"]);

    private static TableClient TableOf(IServiceProvider sp, string name) =>
        sp.GetRequiredService<TableServiceClient>().GetTableClient(sp.GetRequiredService<StorageOptions>().Table(name));
}

/// <summary>Stands in until an SMS provider is configured: an SMS notice fails (and is retried, then parked).</summary>
internal sealed class UnconfiguredSmsSender : ISmsSender
{
    public Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"No SMS provider is configured ({TwilioOptions.Section}).");
}

/// <summary>
/// Sends each text through the provider that owns the number it comes from: a customer who texted our ACS number is
/// answered from it through ACS, everyone else through Twilio. Keyword answers over ACS use this directly (an opt-out
/// confirmation must reach a number that just opted out); notices go through <see cref="OptOutRespectingSmsSender"/>.
/// </summary>
public sealed class SmsProviders(ISmsSender twilio, ISmsSender? acs, string? acsNumber) : ISmsSender
{
    public bool AcsOwns(string? number) => acs is not null && number is not null && string.Equals(number, acsNumber, StringComparison.Ordinal);

    public Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AcsOwns(message.From) ? acs!.SendAsync(message, cancellationToken) : twilio.SendAsync(message with { From = null }, cancellationToken);
    }
}

/// <summary>Stands in until Twilio is configured: no provider address, so no media URL is fetched (each is recorded as not kept).</summary>
internal sealed class NoSmsMedia : ISmsMediaSource
{
    public Uri? MediaPrefix(SmsProvider provider) => null;

    public Task<SmsMediaFetch> FetchAsync(SmsProvider provider, Uri url, long maxBytes, CancellationToken cancellationToken) =>
        Task.FromResult(new SmsMediaFetch(SmsMediaFetchStatus.Refused, null, default, "no SMS provider keeps media"));
}
