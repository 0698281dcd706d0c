using System.Text.RegularExpressions;

namespace ComplaintFlow.Core.Intake.Sms;

/// <summary>Queue message asking Intake to fetch a picture message's media and keep them on its complaint.</summary>
/// <param name="ComplaintId">The complaint the text was recorded on (its own, or the one it joined).</param>
/// <param name="MessageId">The provider's message id: the media's blob names derive from it, so a second run keeps them once.</param>
public sealed record SmsMediaMessage(string ComplaintId, SmsProvider Provider, string MessageId, IReadOnlyList<SmsMedia> Media)
{
    public string? TraceParent { get; init; }
}

public enum SmsMediaFetchStatus
{
    Fetched,

    /// <summary>The provider's answer was larger than the bytes left under the attachment limits (it was not read on).</summary>
    TooLarge,

    /// <summary>The provider refused it for good (not found, not ours, gone): asking again would be refused again.</summary>
    Refused,
}

/// <param name="ContentType">The media type the provider served it as; null when it named none.</param>
/// <param name="Detail">Why it was refused (the HTTP status), never the URL or content.</param>
public sealed record SmsMediaFetch(SmsMediaFetchStatus Status, string? ContentType, ReadOnlyMemory<byte> Content, string? Detail = null);

/// <summary>
/// Fetches a picture message's media from the SMS provider, with the provider's credentials. A failure that may pass
/// (a timeout, a 5xx after the retries) throws, so the queue tries again later.
/// </summary>
public interface ISmsMediaSource
{
    /// <summary>
    /// The address every media of the provider's account starts with (Twilio:
    /// <c>{BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages/</c>); null when the provider is not set up or keeps no media.
    /// </summary>
    Uri? MediaPrefix(SmsProvider provider);

    /// <param name="maxBytes">Reading stops past this many bytes: the answer is then <see cref="SmsMediaFetchStatus.TooLarge"/>.</param>
    Task<SmsMediaFetch> FetchAsync(SmsProvider provider, Uri url, long maxBytes, CancellationToken cancellationToken);
}

/// <summary>
/// Which media URLs may be fetched. A media URL comes in the webhook's form, so it is data from outside: fetched with
/// the account's credentials only when it is exactly one media of this very message at the provider's own address
/// (scheme, host, port and the account's path: <c>{prefix}{MessageSid}/Media/{MediaSid}</c>), never anywhere else
/// (no request on our behalf to another host, or to another path on the provider's: no SSRF, no credentials leaked).
/// </summary>
public static partial class SmsMediaAddresses
{
    /// <param name="messageId">The message the media must belong to; null for any message of the account.</param>
    public static bool IsOwnMedia(Uri url, Uri prefix, string? messageId)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!url.IsAbsoluteUri || !prefix.IsAbsoluteUri
            || url.Scheme is not ("https" or "http")
            || !string.Equals(url.Scheme, prefix.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(url.IdnHost, prefix.IdnHost, StringComparison.OrdinalIgnoreCase)
            || url.Port != prefix.Port
            || url.UserInfo.Length > 0
            || url.Query.Length > 0
            || url.Fragment.Length > 0)
        {
            return false;
        }

        // AbsolutePath is normalised ("..", "." removed) and keeps escapes, so "%2e%2e" or "%2f" fail the pattern below.
        var path = url.AbsolutePath;
        var start = prefix.AbsolutePath.EndsWith('/') ? prefix.AbsolutePath : prefix.AbsolutePath + "/";
        if (!path.StartsWith(start, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = MediaPath().Match(path[start.Length..]);
        return rest.Success && (messageId is null || rest.Groups["message"].Value == messageId);
    }

    [GeneratedRegex("^(?<message>[A-Za-z0-9]{1,64})/Media/[A-Za-z0-9]{1,64}$")]
    private static partial Regex MediaPath();
}
