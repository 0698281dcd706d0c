using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Intake;

/// <summary><c>POST /api/complaints</c>: what is accepted, what is refused and why, and that nothing is half-written.</summary>
public sealed class SubmissionTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Complaint_without_email_or_phone_is_refused_naming_the_contact_field()
    {
        var response = await _host.SubmitAsync(new { text = "The engineer never came." });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty("contact", out _));
        Assert.Contains("contact", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once_in_the_customers_language()
    {
        var response = await _host.SubmitAsync(new { email = "not-an-email", phone = "12", text = "  ", language = "zh-Hans" });

        var errors = (await ProblemOf(response)).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("有效的电子邮箱", errors.GetProperty("email")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("电话号码", errors.GetProperty("phone")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("描述", errors.GetProperty("text")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_language_and_overlong_text_are_refused()
    {
        var response = await _host.SubmitAsync(new { email = "a@example.com", text = new string('x', 10_001), language = "fr" });

        var errors = (await ProblemOf(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("language", out _));
        Assert.Contains("10000", errors.GetProperty("text")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_over_the_limit_is_refused_with_413_before_anything_is_stored()
    {
        var big = new StringContent(JsonSerializer.Serialize(new { email = "a@example.com", text = new string('长', 40_000) }), Encoding.UTF8, "application/json");

        var response = await _host.Client.PostAsync("/api/complaints", big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("65536", (await ProblemOf(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await RawBlobsAsync());
    }

    [Fact]
    public async Task Wrong_content_type_is_refused_with_415()
    {
        var response = await _host.Client.PostAsync("/api/complaints", new StringContent("email=a@example.com&text=hi", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", (await ProblemOf(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_400_and_nothing_is_written()
    {
        var response = await _host.Client.PostAsync("/api/complaints", new StringContent("{\"email\": \"a@example.com\", \"text\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await RawBlobsAsync());
        Assert.Equal(0, await IntakeQueueLengthAsync());
    }

    [Fact]
    public async Task Multipart_form_with_a_boundary_over_70_characters_is_refused_with_400_naming_the_boundary()
    {
        // Found by the fuzz test: a boundary longer than the multipart reader's buffer answered 500.
        var boundary = new string('b', 5_000);
        var body = new StringContent($"--{boundary}\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@example.com\r\n--{boundary}--\r\n");
        body.Headers.Remove("Content-Type");
        body.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");

        var response = await _host.Client.PostAsync("/api/complaints", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("boundary is longer than 70", (await ProblemOf(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await RawBlobsAsync());
    }

    [Fact]
    public async Task Same_idempotency_key_twice_makes_one_complaint_and_answers_the_same_reference()
    {
        var complaint = new { email = "li@example.com", text = "电费账单金额明显不对，比上月多了三倍。" };

        var first = await (await _host.SubmitAsync(complaint, "double-click-1")).Content.ReadFromJsonAsync<JsonElement>();
        var secondResponse = await _host.SubmitAsync(complaint, "double-click-1");
        var second = await secondResponse.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Accepted, secondResponse.StatusCode);
        Assert.Equal(first.GetProperty("reference").GetString(), second.GetProperty("reference").GetString());
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Single(await RawBlobsAsync());
        var history = await _host.Complaints.GetHistoryAsync(first.GetProperty("id").GetString()!, CancellationToken.None);
        Assert.Single(history, e => e.Type == EventTypes.Received);
    }

    [Fact]
    public async Task Simultaneous_deliveries_of_one_submission_make_one_complaint_and_keep_one_raw_payload()
    {
        var complaint = new { email = "race@example.com", text = "同一份投诉同时提交了八次，只能算一件。" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _host.SubmitAsync(complaint, "race-1")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var id = (await answers[0].Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var stored = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        // The copies stored by the deliveries that lost the race are removed: only the complaint's own payload is left.
        Assert.Equal([stored.RawPayload!], await RawBlobsAsync());
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_a_different_complaint_is_refused()
    {
        await _host.SubmitAsync(new { email = "li@example.com", text = "first complaint" }, "key-reuse");

        var response = await _host.SubmitAsync(new { email = "li@example.com", text = "a different complaint" }, "key-reuse");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Idempotency-Key", (await ProblemOf(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_form_post_without_script_is_recorded_and_redirected_to_the_confirmation_page()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.Address };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/complaints")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["name"] = "陳大文",
                ["email"] = "chan@example.com.hk",
                ["text"] = "電話費帳單多收了錢，客服態度很差。",
                ["language"] = "zh-Hant",
                ["idempotencyKey"] = "form-1",
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/submitted?reference=CF-", location, StringComparison.Ordinal);
        ComplaintId.TryParse(Uri.UnescapeDataString(location.Split('=')[1]), out var id);
        var stored = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        Assert.Equal("zh-Hant", stored.Language);
        Assert.Equal("陳大文", stored.Contact.Name);
    }

    [Fact]
    public async Task Raw_submission_is_kept_in_blob_exactly_as_sent()
    {
        var body = "{\"email\":\"raw@example.com\",\"text\":\"原样保存 <b>this</b>\"}";

        var response = await _host.Client.PostAsync("/api/complaints", new StringContent(body, Encoding.UTF8, "application/json"));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var complaint = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;
        var blob = Container().GetBlobClient(complaint.RawPayload);
        Assert.Equal(body, (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Phone_numbers_are_stored_in_international_form()
    {
        var response = await _host.SubmitAsync(new { phone = "138 0013 8000", text = "信号太差" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var complaint = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;

        Assert.Equal("+8613800138000", complaint.Contact.Phone);
    }

    private BlobContainerClient Container() =>
        new BlobServiceClient(_host.Azurite.ConnectionString).GetBlobContainerClient($"{_host.Prefix}-raw-inbound");

    private async Task<List<string>> RawBlobsAsync()
    {
        var names = new List<string>();
        await foreach (var blob in Container().GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private async Task<int> IntakeQueueLengthAsync()
    {
        var queue = new QueueServiceClient(_host.Azurite.ConnectionString).GetQueueClient($"{_host.Prefix}complaints-intake");
        return (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
    }
}
