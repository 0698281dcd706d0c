using System.Collections.Concurrent;
using ComplaintFlow.Core.Intake.Sms;

namespace ComplaintFlow.Testing.InMemory;

/// <summary>
/// The SMS provider's media store in memory: media put under their URL, served as the Twilio adapter serves them
/// (refused when unknown, too large past the byte budget); every URL asked for is recorded, so a test sees what was
/// never requested. <see cref="FailNext"/> makes the next fetches fail as a provider that does not answer.
/// </summary>
public sealed class InMemorySmsMediaSource : ISmsMediaSource
{
    public const string AccountPrefix = "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/";

    private readonly ConcurrentDictionary<string, (string ContentType, byte[] Content)> _media = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requested = new();
    private int _failures;

    public IReadOnlyList<string> Requested => [.. _requested];

    /// <summary>Stores a media of the message and returns its URL at the provider.</summary>
    public string Put(string messageSid, string mediaSid, string contentType, byte[] content)
    {
        var url = $"{AccountPrefix}{messageSid}/Media/{mediaSid}";
        _media[url] = (contentType, content);
        return url;
    }

    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    public Uri? MediaPrefix(SmsProvider provider) => provider == SmsProvider.Twilio ? new Uri(AccountPrefix) : null;

    public Task<SmsMediaFetch> FetchAsync(SmsProvider provider, Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        _requested.Enqueue(url.AbsoluteUri);
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            throw new HttpRequestException("The media host did not answer.");
        }

        Interlocked.Exchange(ref _failures, 0);
        if (!_media.TryGetValue(url.AbsoluteUri, out var media))
        {
            return Task.FromResult(new SmsMediaFetch(SmsMediaFetchStatus.Refused, null, default, "HTTP 404"));
        }

        return Task.FromResult(media.Content.Length > maxBytes
            ? new SmsMediaFetch(SmsMediaFetchStatus.TooLarge, media.ContentType, default)
            : new SmsMediaFetch(SmsMediaFetchStatus.Fetched, media.ContentType, media.Content));
    }
}
