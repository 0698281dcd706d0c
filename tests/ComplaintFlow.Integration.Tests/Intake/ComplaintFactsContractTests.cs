using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Intake;

/// <summary>
/// <c>POST /api/complaints</c> with the 4W1H fields (place, account, eventTime, demand, demandAmount, demandCurrency,
/// demandDetail): kept on the complaint and read back in the acknowledgement; a bad one is a 400 problem+json naming
/// the field, with nothing written; a form posted without script gets the form again with the field marked.
/// </summary>
public sealed class ComplaintFactsContractTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_fields_are_stored_weighed_by_triage_and_read_back_in_the_acknowledgement()
    {
        var response = await _host.SubmitAsync(new
        {
            email = "wang.fang@example.com",
            text = "电表读数比实际用电多了一倍，上门的师傅也说表有问题。",
            language = "zh-Hans",
            timeZone = "Asia/Shanghai",
            place = "北京市朝阳区建国路88号",
            account = "0110 2233 4455",
            eventTime = "2026-01-05T08:30",
            demand = "compensation",
            demandAmount = 6000,
            demandCurrency = "CNY",
        }, "facts-1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var email = await AppHost.EventuallyAsync(
            () => Task.FromResult(_host.Mailbox.Emails.FirstOrDefault(e => e.CustomArgs.GetValueOrDefault("complaintId") == id)),
            e => e is not null,
            "the acknowledgement at the SendGrid fake");
        var complaint = (await _host.Complaints.FindAsync(id, CancellationToken.None))!.Complaint;

        Assert.Equal(new ComplaintFacts
        {
            Place = "北京市朝阳区建国路88号",
            Account = "0110 2233 4455",
            EventTime = new DateTimeOffset(2026, 1, 5, 8, 30, 0, TimeSpan.FromHours(8)),
            Demand = new CustomerDemand { Kind = DemandKind.Compensation, Amount = 6000m, Currency = "CNY" },
        }, complaint.Facts! with { FoundInText = [] });
        Assert.Contains(complaint.Triage!.Reasons, r => r.Rule == "money" && r.Field == "demand" && r.Weight == 20);
        Assert.Contains("地点：北京市朝阳区建国路88号", email!.Text, StringComparison.Ordinal);
        Assert.Contains("户号/号码：0110 2233 4455", email.Text, StringComparison.Ordinal);
        Assert.Contains("发生时间：2026年1月5日 08:30", email.Text, StringComparison.Ordinal);
        Assert.Contains("您的诉求：赔偿 6000 CNY", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sum_that_is_not_a_number_and_a_time_in_the_future_are_refused_with_400_naming_both_and_nothing_is_written()
    {
        var response = await _host.SubmitAsync(new
        {
            email = "amy@example.com",
            text = "The engineer never came.",
            language = "en",
            demand = "compensation",
            demandAmount = "fifty pounds",
            eventTime = "2099-01-01T09:00:00Z",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("number greater than zero", errors.GetProperty("demandAmount")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("cannot be in the future", errors.GetProperty("eventTime")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await RawBlobsAsync());
    }

    [Fact]
    public async Task A_form_posted_without_script_with_a_bad_sum_comes_back_with_the_field_marked_and_what_was_typed_kept()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.Address };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/complaints")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = "chan@example.com.hk",
                ["text"] = "電話費帳單多收了錢。",
                ["language"] = "zh-Hant",
                ["place"] = "香港中環皇后大道中1號",
                ["demand"] = "refund",
                ["demandAmount"] = "一百",
                ["idempotencyKey"] = "",
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#demandAmount\">請以大於零的數字填寫金額", page, StringComparison.Ordinal);
        Assert.Contains("<input id=\"demandAmount\" value=\"一百\" aria-invalid=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("<input id=\"place\" value=\"香港中環皇后大道中1號\" ", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"refund\" selected", page, StringComparison.Ordinal);
        Assert.Empty(await RawBlobsAsync());
    }

    private async Task<List<string>> RawBlobsAsync()
    {
        var container = new BlobServiceClient(_host.Azurite.ConnectionString).GetBlobContainerClient($"{_host.Prefix}-raw-inbound");
        var names = new List<string>();
        if (!await container.ExistsAsync())
        {
            return names;
        }

        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
