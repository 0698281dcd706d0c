using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Testing;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Integration.Tests.Security;

/// <summary>
/// The public form's rate limits (<c>ComplaintFlow:Intake:RateLimit</c>): per client IP (the last X-Forwarded-For
/// hop, as App Service appends it) and per contact (normalised email, E.164 phone). The window is an hour, which no
/// test run crosses, so nothing here waits on a clock.
/// </summary>
public sealed class IntakeRateLimitTests(IntakeRateLimitTests.Host fixture) : IClassFixture<IntakeRateLimitTests.Host>
{
    private const int PerIp = 3;
    private const int PerContact = 2;

    public sealed class Host() : AppHostFixture(new Dictionary<string, string?>
    {
        ["ComplaintFlow:Intake:RateLimit:PerIp"] = PerIp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ComplaintFlow:Intake:RateLimit:PerContact"] = PerContact.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ComplaintFlow:Intake:RateLimit:Window"] = "01:00:00",
    });

    private static string NewIp() => $"203.0.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";

    private static string NewEmail() => $"rate-{Guid.NewGuid():N}@example.com";

    private Task<HttpResponseMessage> SubmitAsync(string forwardedFor, object complaint, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/complaints") { Content = JsonContent.Create(complaint) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return fixture.App.Client.SendAsync(request);
    }

    private static object Complaint(string? email = null, string? phone = null, string language = "en") =>
        new { email = email ?? (phone is null ? NewEmail() : null), phone, text = "The router has been down for three days.", language };

    private async Task<int> ComplaintCountAsync() => (await StoredFootprint.OfAsync(fixture.App)).Complaints;

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task One_address_gets_429_with_Retry_After_after_its_permits_and_the_refused_complaint_is_not_recorded()
    {
        var ip = NewIp();
        for (var i = 0; i < PerIp; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(ip, Complaint())).StatusCode);
        }

        var before = await ComplaintCountAsync();
        var refused = await SubmitAsync(ip, Complaint());

        await AssertLimitedAsync(refused);
        Assert.Equal(before, await ComplaintCountAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(NewIp(), Complaint())).StatusCode);
    }

    [Fact]
    public async Task Addresses_a_client_writes_into_X_Forwarded_For_do_not_escape_the_limit()
    {
        var ip = NewIp();
        for (var i = 0; i < PerIp; i++)
        {
            // Only the last hop (the platform's) is the client; earlier entries are whatever the client sent.
            Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync($"{NewIp()}, {ip}", Complaint())).StatusCode);
        }

        await AssertLimitedAsync(await SubmitAsync($"{NewIp()}, {ip}", Complaint()));
    }

    [Fact]
    public async Task One_email_written_differently_from_many_addresses_is_limited_per_contact()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(NewIp(), Complaint(email))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(NewIp(), Complaint("  " + email.ToUpperInvariant() + " "))).StatusCode);

        await AssertLimitedAsync(await SubmitAsync(NewIp(), Complaint(email.Replace("rate", "RATE", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task One_phone_in_national_and_international_form_is_one_contact()
    {
        var national = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(NewIp(), Complaint(phone: national))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(NewIp(), Complaint(phone: "+86 " + national))).StatusCode);

        await AssertLimitedAsync(await SubmitAsync(NewIp(), Complaint(phone: "0086-" + national)));
    }

    [Fact]
    public async Task The_429_speaks_the_customers_language()
    {
        var email = NewEmail();
        for (var i = 0; i < PerContact; i++)
        {
            await SubmitAsync(NewIp(), Complaint(email, language: "zh-Hans"));
        }

        var simplified = await SubmitAsync(NewIp(), Complaint(email, language: "zh-Hans"));
        var traditional = await SubmitAsync(NewIp(), Complaint(email, language: "zh-Hant"));

        await AssertLimitedAsync(simplified);
        Assert.Contains("分钟后再试", (await simplified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("分鐘後再試", (await traditional.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_is_not_punished_by_the_limit()
    {
        var ip = NewIp();
        var email = NewEmail();
        var key = Guid.NewGuid().ToString("N");
        var first = await SubmitAsync(ip, Complaint(email), key);
        await SubmitAsync(ip, Complaint(email));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await AssertLimitedAsync(await SubmitAsync(ip, Complaint(email)));

        var retry = await SubmitAsync(ip, Complaint(email), key);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var body = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString(), body.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("ComplaintFlow:Intake:RateLimit:PerIp", "0")]
    [InlineData("ComplaintFlow:Intake:RateLimit:PerContact", "-1")]
    [InlineData("ComplaintFlow:Intake:RateLimit:Window", "00:00:00")]
    public async Task A_wrong_limit_setting_stops_the_app_at_start_naming_the_key(string key, string value)
    {
        // The worker validates its options as it starts and exits; the host reports what it printed.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AppHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }
}
