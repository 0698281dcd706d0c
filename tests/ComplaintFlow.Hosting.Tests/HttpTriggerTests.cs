using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace ComplaintFlow.Hosting.Tests;

/// <summary>HTTP triggers: routed as the Functions host routes, forwarded to the worker's own listener.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class HttpTriggerTests(SharedHostFixture fixture) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = fixture.Worker.Host.Address, Timeout = TimeSpan.FromSeconds(60) };

    public void Dispose() => _client.Dispose();

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Route_parameter_query_and_headers_reach_the_function_and_its_response_headers_come_back()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "echo/42?q=hello");
        request.Headers.Add("x-test", "header value");
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Echo", response.Headers.GetValues("x-echo-function").Single());
        var echo = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("42", echo.GetProperty("id").GetString());
        Assert.Equal("hello", echo.GetProperty("query").GetString());
        Assert.Equal("header value", echo.GetProperty("header").GetString());
        Assert.Equal("/echo/42", echo.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Forwarded_request_carries_the_invocation_id_of_the_grpc_invocation_and_the_forwarding_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "echo/1");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7, 203.0.113.9");
        using var response = await _client.SendAsync(request);
        var echo = await response.Content.ReadFromJsonAsync<JsonElement>();

        // The worker pairs the HTTP request with the InvocationRequest by x-ms-invocation-id.
        Assert.Equal(echo.GetProperty("invocationId").GetString(), echo.GetProperty("correlationId").GetString());
        Assert.True(Guid.TryParse(echo.GetProperty("invocationId").GetString(), out _));

        // The front end's entry (the last) is the client; what a client wrote before it never reaches the worker.
        Assert.Equal("203.0.113.9", echo.GetProperty("remoteIp").GetString());
        Assert.Equal(fixture.Worker.Host.Address.Authority, echo.GetProperty("host").GetString());
        Assert.Equal("http", echo.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Literal_segments_beat_parameters_and_catch_alls_match_the_rest()
    {
        Assert.Equal("EchoLiteral", (await GetJsonAsync("echo/special")).GetProperty("function").GetString());
        Assert.Equal("Echo", (await GetJsonAsync("echo/specials")).GetProperty("function").GetString());
        var files = await GetJsonAsync("files/a/b/c.txt");
        Assert.Equal("Files", files.GetProperty("function").GetString());
        Assert.Equal("a/b/c.txt", files.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Methods_are_honoured_and_unmatched_requests_are_404()
    {
        using var created = await _client.PostAsync("items", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var wrongMethod = await _client.GetAsync("items");
        Assert.Equal(HttpStatusCode.NotFound, wrongMethod.StatusCode);
        using var deleteEcho = await _client.DeleteAsync("echo/1");
        Assert.Equal(HttpStatusCode.NotFound, deleteEcho.StatusCode);
        using var nothing = await _client.GetAsync("no/such/route");
        Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
    }

    [Fact]
    public async Task Request_body_round_trips_including_one_over_32_MB()
    {
        using var small = await _client.PostAsync("echo/small", new StringContent("hello body"));
        Assert.Equal("hello body", (await small.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("body").GetString());

        var big = new byte[33 * 1024 * 1024];
        Random.Shared.NextBytes(big);
        using var response = await _client.PostAsync("echo/big", new ByteArrayContent(big));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(big.Length, echo.GetProperty("length").GetInt32());
        Assert.Equal(Convert.ToHexString(SHA256.HashData(big)), echo.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Failed_invocation_without_a_response_is_500()
    {
        using var response = await _client.GetAsync("boom");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
