using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ComplaintFlow.Core.Intake.Sms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Azure.Twilio;

/// <summary>
/// Fetches an incoming MMS's media from Twilio's Media resource
/// (<c>GET {BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{MediaSid}</c>, basic auth
/// AccountSid:AuthToken), as a typed HttpClient behind the same resilience pipeline as the sender
/// (<see cref="TwilioServiceCollectionExtensions.AddTwilioMedia"/>). Only URLs of the account's own media are asked
/// for (<see cref="SmsMediaAddresses"/>), checked here again whoever calls.
/// Twilio answers a media request with a redirect to a short-lived signed URL on its media CDN (mms.twiliocdn.com).
/// Redirects are followed by hand, never by the handler: only over https, only to the hosts of
/// <see cref="TwilioOptions.MediaRedirectHosts"/>, at most <see cref="MaxRedirects"/> times, and without the
/// Authorization header (the signed URL needs none; the account's token goes to Twilio's API host and nowhere else).
/// </summary>
public sealed partial class TwilioMediaSource(HttpClient http, IOptions<TwilioOptions> options, ILogger<TwilioMediaSource> logger) : ISmsMediaSource
{
    public const int MaxRedirects = 3;

    public Uri? MediaPrefix(SmsProvider provider) => provider == SmsProvider.Twilio ? PrefixOf(options.Value) : null;

    public static Uri PrefixOf(TwilioOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Uri($"{settings.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid)}/Messages/");
    }

    public async Task<SmsMediaFetch> FetchAsync(SmsProvider provider, Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var settings = options.Value;
        if (provider != SmsProvider.Twilio || !SmsMediaAddresses.IsOwnMedia(url, PrefixOf(settings), messageId: null))
        {
            return new SmsMediaFetch(SmsMediaFetchStatus.Refused, null, default, "not the account's media");
        }

        var target = url;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            if (hop == 0)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue(
                    "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (IsRedirect(response.StatusCode))
            {
                var next = response.Headers.Location is { } location ? new Uri(target, location) : null;
                if (next is null || hop >= MaxRedirects || !IsAllowedRedirect(next, settings))
                {
                    LogRedirectRefused(logger, (int)response.StatusCode, next?.IdnHost);
                    return new SmsMediaFetch(SmsMediaFetchStatus.Refused, null, default, $"redirect to {next?.IdnHost ?? "nowhere"} not followed");
                }

                target = next;
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                // The pipeline has already retried what may pass (408, 429, 5xx): anything left that is not a 4xx is thrown,
                // so the queue tries again later; a 4xx would be refused again.
                if ((int)response.StatusCode is >= 400 and < 500)
                {
                    LogRefused(logger, (int)response.StatusCode);
                    return new SmsMediaFetch(SmsMediaFetchStatus.Refused, null, default, $"HTTP {(int)response.StatusCode}");
                }

                throw new HttpRequestException($"Twilio answered HTTP {(int)response.StatusCode} for a media.", null, response.StatusCode);
            }

            var contentType = response.Content.Headers.ContentType?.MediaType;
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return new SmsMediaFetch(SmsMediaFetchStatus.TooLarge, contentType, default);
            }

            var content = await ReadAtMostAsync(response.Content, maxBytes, cancellationToken);
            return content is null
                ? new SmsMediaFetch(SmsMediaFetchStatus.TooLarge, contentType, default)
                : new SmsMediaFetch(SmsMediaFetchStatus.Fetched, contentType, content);
        }
    }

    /// <summary>The bytes, or null past <paramref name="maxBytes"/>: a server that names no length cannot make us read on.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    public static bool IsAllowedRedirect(Uri target, TwilioOptions settings)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        return target.IsAbsoluteUri
            && target.Scheme == Uri.UriSchemeHttps
            && target.IsDefaultPort
            && target.UserInfo.Length == 0
            && settings.EffectiveMediaRedirectHosts.Contains(target.IdnHost, StringComparer.OrdinalIgnoreCase);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio media: HTTP {Status} redirect to {Host} not followed (not an allowed media host)")]
    private static partial void LogRedirectRefused(ILogger logger, int status, string? host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio media refused: HTTP {Status}")]
    private static partial void LogRefused(ILogger logger, int status);
}
