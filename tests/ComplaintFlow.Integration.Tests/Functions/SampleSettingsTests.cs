using System.Net;
using System.Text.Json;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Functions;

/// <summary>
/// The settings a newcomer gets from <c>./run.sh</c> (local.settings.sample.json) start the app: every value there
/// passes the validation the worker runs at start, empty optional ones included.
/// </summary>
public sealed class SampleSettingsTests
{
    [Fact]
    public async Task The_app_starts_with_the_local_sample_settings()
    {
        using var sample = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Azurite.RepositoryRoot(), "local.settings.sample.json")));
        var settings = sample.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(v => v.Name.Replace("__", ":", StringComparison.Ordinal), v => (string?)v.Value.GetString());
        // Where the test must point elsewhere: its own Azurite and storage names, and the provider fakes it started.
        foreach (var key in new[] { "AzureWebJobsStorage", $"{StorageOptions.Section}:ConnectionString", $"{StorageOptions.Section}:NamePrefix",
                     "ComplaintFlow:SendGrid:Host", "ComplaintFlow:Twilio:BaseUrl" })
        {
            Assert.True(settings.Remove(key), $"{key} is not in the sample");
        }

        await using var host = await AppHost.StartAsync(settings);

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.SubmitAsync(new { email = "sample@example.com", text = "The sample settings work." })).StatusCode);
    }
}
