using System.Net;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Web;

/// <summary>The public pages are served, and every response forbids inline script, framing and sniffing.</summary>
public sealed class PublicPagesTests
{
    [Theory]
    [InlineData("/", "complaint-form")]
    [InlineData("/status", "status-form")]
    [InlineData("/submitted?reference=CF-00000-00000", "reference")]
    public async Task Page_is_served_with_security_headers(string path, string expectedElementId)
    {
        await using var host = await AppHost.StartAsync();

        var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"{expectedElementId}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
