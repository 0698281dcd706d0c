using System.Text;

namespace ComplaintFlow.Core.Intake.Email;

/// <summary>
/// SendGrid does not sign Inbound Parse posts; the URL carries basic-auth credentials or a secret key instead. It
/// fails closed: with neither configured no post is accepted, except in local development
/// (<paramref name="development"/>, <c>Auth:Mode=Development</c>), where the webhook is open so a developer can post
/// mail without setting a secret. The ACS and Twilio webhooks refuse the same way when their secret is missing.
/// </summary>
public sealed class InboundEmailWebhookGuard(InboundEmailOptions options, bool development = false)
{
    public bool IsConfigured => options.WebhookUser is { Length: > 0 } || options.WebhookKey is { Length: > 0 };

    /// <summary>False when nothing could authorise a post: no credential configured, outside development.</summary>
    public bool CanAuthorize => IsConfigured || development;

    /// <param name="authorizationHeader">The request's Authorization header, if any.</param>
    /// <param name="key">The request's <c>key</c> query parameter, if any.</param>
    public bool IsAuthorized(string? authorizationHeader, string? key)
    {
        if (options.WebhookKey is { Length: > 0 } expectedKey && SharedSecret.Matches(key, expectedKey))
        {
            return true;
        }

        if (options.WebhookUser is { Length: > 0 } user
            && authorizationHeader is not null
            && authorizationHeader.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{options.WebhookPassword}"));
            return SharedSecret.Matches(authorizationHeader[6..].Trim(), expected);
        }

        return !IsConfigured && development;
    }
}
