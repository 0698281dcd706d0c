using System.Text;
using ComplaintFlow.Core.Intake.Email;

namespace ComplaintFlow.Core.Tests.Intake;

public sealed class InboundEmailWebhookGuardTests
{
    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Fact]
    public void Without_credentials_configured_no_post_is_accepted_outside_development()
    {
        var guard = new InboundEmailWebhookGuard(new InboundEmailOptions());

        Assert.False(guard.CanAuthorize);
        Assert.False(guard.IsAuthorized(authorizationHeader: null, key: null));
        Assert.False(guard.IsAuthorized(Basic("anyone", "anything"), "any-key"));
    }

    [Fact]
    public void Without_credentials_configured_local_development_accepts_posts()
    {
        var guard = new InboundEmailWebhookGuard(new InboundEmailOptions(), development: true);

        Assert.True(guard.CanAuthorize);
        Assert.True(guard.IsAuthorized(authorizationHeader: null, key: null));
    }

    [Fact]
    public void In_development_a_configured_key_is_still_required()
    {
        var guard = new InboundEmailWebhookGuard(new InboundEmailOptions { WebhookKey = "s3cret-key" }, development: true);

        Assert.False(guard.IsAuthorized(null, null));
        Assert.True(guard.IsAuthorized(null, "s3cret-key"));
    }

    [Fact]
    public void With_a_key_configured_only_the_right_key_is_accepted()
    {
        var guard = new InboundEmailWebhookGuard(new InboundEmailOptions { WebhookKey = "s3cret-key" });

        Assert.True(guard.IsAuthorized(null, "s3cret-key"));
        Assert.False(guard.IsAuthorized(null, "s3cret-kez"));
        Assert.False(guard.IsAuthorized(null, null));
    }

    [Fact]
    public void With_basic_auth_configured_only_the_right_user_and_password_are_accepted()
    {
        var guard = new InboundEmailWebhookGuard(new InboundEmailOptions { WebhookUser = "sendgrid", WebhookPassword = "pa55" });

        Assert.True(guard.IsAuthorized(Basic("sendgrid", "pa55"), null));
        Assert.False(guard.IsAuthorized(Basic("sendgrid", "wrong"), null));
        Assert.False(guard.IsAuthorized("Bearer abc", null));
        Assert.False(guard.IsAuthorized(null, null));
    }
}
