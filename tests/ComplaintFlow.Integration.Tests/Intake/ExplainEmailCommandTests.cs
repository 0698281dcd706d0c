using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintFlow.Functions.Intake;
using ComplaintFlow.Testing;
using ComplaintFlow.Testing.Payloads;
using Microsoft.Extensions.Configuration;

namespace ComplaintFlow.Integration.Tests.Intake;

/// <summary><c>scripts/explain-email</c> says what the webhook does, for every .eml fixture of the project.</summary>
public sealed class ExplainEmailCommandTests : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Its_outcome_reason_and_reference_for_each_fixture_are_the_webhooks()
    {
        using var output = new StringWriter();
        var exit = await ExplainEmailCommand.RunAsync(["explain-email", EmailFixtures.Folder], output, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ComplaintFlow:Storage:ConnectionString"] = _host.Azurite.ConnectionString,
            ["ComplaintFlow:Storage:NamePrefix"] = _host.Prefix,
        }).Build());
        var explained = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.Equal(0, exit);
        Assert.Equal(EmailFixtures.Files(string.Empty).Count(), explained.Count);
        foreach (var line in explained)
        {
            var file = line.GetProperty("file").GetString()!;
            var content = new ByteArrayContent(EmailFixtures.Raw(await File.ReadAllBytesAsync(file)).Bytes());
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(new SendGridPost().ContentType);
            var answer = await (await _host.Client.PostAsync("/api/inbound/email", content)).Content.ReadFromJsonAsync<JsonElement>();

            Assert.Equal(
                (answer.GetProperty("outcome").GetString(), answer.GetProperty("reason").GetString(), answer.GetProperty("reference").GetString()),
                (line.GetProperty("outcome").GetString(), line.GetProperty("reason").GetString(), line.GetProperty("reference").GetString()));
        }
    }
}
