using System.Text;

namespace ComplaintFlow.Core.Intake.Email;

/// <summary>
/// SendGrid does not sign Inbound Parse posts; the URL can carry basic-auth credentials or a secret key instead.
/// When neither is configured every post is accepted (the URL itself is the secret).
/// </summary>
public sealed class InboundEmailWebhookGuard(InboundEmailOptions options)
{
    public bool IsConfigured => options.WebhookUser is { Length: > 0 } || options.WebhookKey is { Length: > 0 };

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

        return !IsConfigured;
    }
}
