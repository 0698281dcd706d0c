using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ComplaintFlow.Integration.Tests.Security;

namespace ComplaintFlow.Integration.Tests.Intake;

/// <summary>
/// A browser posting the form without script shows whatever comes back, so every refusal of such a post (429, 422,
/// 400) is the form again with an error summary in the customer's language, what they typed kept, never JSON.
/// </summary>
public sealed class NoScriptRefusalTests(NoScriptRefusalTests.Host fixture) : IClassFixture<NoScriptRefusalTests.Host>, IDisposable
{
    // As a browser: the confirmation is a redirect, seen here as such.
    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.Address };

    public void Dispose() => _browser.Dispose();

    public sealed class Host() : AppHostFixture(new Dictionary<string, string?>
    {
        ["ComplaintFlow:Intake:RateLimit:PerContact"] = "1",
        ["ComplaintFlow:Intake:RateLimit:Window"] = "01:00:00",
    });

    private Task<HttpResponseMessage> PostFormAsync(Dictionary<string, string> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/complaints") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.Add("X-Forwarded-For", $"198.51.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}");
        return _browser.SendAsync(request);
    }

    private static async Task<string> PageAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form id=\"complaint-form\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"form-errors\" role=\"alert\" tabindex=\"-1\" autofocus", page, StringComparison.Ordinal);
        return page;
    }

    [Fact]
    public async Task Over_the_limit_the_form_comes_back_as_a_page_saying_when_to_try_again_with_the_text_kept()
    {
        var email = $"noscript-{Guid.NewGuid():N}@example.com";
        Dictionary<string, string> Form(string text) => new() { ["email"] = email, ["text"] = text, ["language"] = "zh-Hant", ["idempotencyKey"] = "" };
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(Form("第一次投訴：帳單多收了錢。"))).StatusCode);

        var response = await PostFormAsync(Form("第二次投訴：客服沒有回電。"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var page = await PageAsync(response);
        Assert.Contains("<li>您在短時間內提交了多次投訴，請在 60 分鐘後再試；您已提交的內容我們已經收到。</li>", page, StringComparison.Ordinal);
        Assert.Contains("第二次投訴：客服沒有回電。</textarea>", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{email}\"", page, StringComparison.Ordinal);
        // A message about the whole post marks no field.
        Assert.DoesNotContain("aria-invalid", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_key_already_used_for_another_complaint_gives_a_page_whose_form_can_be_sent_again()
    {
        var key = "noscript-" + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(new() { ["email"] = $"a-{key}@example.com", ["text"] = "First complaint.", ["language"] = "en", ["idempotencyKey"] = key })).StatusCode);

        var response = await PostFormAsync(new() { ["email"] = $"a-{key}@example.com", ["text"] = "A different complaint.", ["language"] = "en", ["idempotencyKey"] = key });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PageAsync(response);
        Assert.Contains("<li>This form was already used to send a complaint.", page, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"form-errors-title\">There is a problem</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<title data-i18n=\"form.pageTitle\">Error: ", page, StringComparison.Ordinal);
        // The page's hidden key is empty, so sending it again makes the server choose a new key.
        Assert.Contains("<input type=\"hidden\" name=\"idempotencyKey\" id=\"idempotencyKey\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_form_key_gives_a_page_not_json()
    {
        var response = await PostFormAsync(new() { ["email"] = "key@example.com", ["text"] = "Bill doubled.", ["language"] = "zh-Hans", ["idempotencyKey"] = new string('k', 300) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<li>此表单已用于提交过一次投诉。", await PageAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_body_that_cannot_be_read_gives_a_page_not_json()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/complaints")
        {
            Content = new StringContent("--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nunterminated", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        var response = await fixture.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<li>We could not read what the form sent.", await PageAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_or_api_client_still_gets_problem_json()
    {
        var email = $"api-{Guid.NewGuid():N}@example.com";
        var first = new HttpRequestMessage(HttpMethod.Post, "/api/complaints") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["text"] = "one" }) };
        await fixture.App.Client.SendAsync(first);
        var second = new HttpRequestMessage(HttpMethod.Post, "/api/complaints") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["text"] = "two" }) };

        var response = await fixture.App.Client.SendAsync(second);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
