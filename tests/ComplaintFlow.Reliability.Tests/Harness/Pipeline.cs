using System.Security.Cryptography;
using ComplaintFlow.Fakes;
using ComplaintFlow.Fakes.SendGrid;
using ComplaintFlow.Fakes.Twilio;
using ComplaintFlow.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Reliability.Tests.Harness;

/// <summary>
/// The whole system for a fault run: a private on-disk Azurite, the provider fakes in this test process (what they
/// received survives every kill of the app), and the app as a child process whose storage connection string may
/// point at a fault-injecting proxy instead of Azurite.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    public const string TwilioNumber = "+14155550100";
    public const string PublicBaseUrl = "http://complaints.test";

    private readonly WebApplication _fakes;

    private Pipeline(Azurite azurite, string location, WebApplication fakes, string prefix, AppProcess app)
    {
        Azurite = azurite;
        Location = location;
        _fakes = fakes;
        Prefix = prefix;
        App = app;
    }

    public Azurite Azurite { get; private set; }
    public string Location { get; }
    public string Prefix { get; }
    public AppProcess App { get; }
    public SendGridMailbox Mailbox => _fakes.Services.GetRequiredService<SendGridMailbox>();
    public TwilioFakeStore Texts => _fakes.Services.GetRequiredService<TwilioFakeStore>();

    /// <param name="storageFor">The connection string the app gets, from Azurite's (a proxy in front of it, or Azurite itself).</param>
    /// <param name="name">Names the app's log, <c>TestResults/reliability/&lt;name&gt;-app.log</c>.</param>
    public static async Task<Pipeline> StartAsync(string name, Func<Azurite, Task<string>> storageFor, IDictionary<string, string>? extraSettings = null)
    {
        var location = Path.Combine(Path.GetTempPath(), "complaintflow-faults-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(location);
        var azurite = await Azurite.StartAsync(inMemory: false, location: location);
        var fakes = FakeProviders.Build([], b => b.WebHost.UseUrls("http://127.0.0.1:0"));
        await fakes.StartAsync();
        var fakesAddress = fakes.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var prefix = "f" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var storage = await storageFor(azurite);
        var settings = new Dictionary<string, string>
        {
            // Short leases so a killed invocation's message comes back within seconds, not minutes.
            ["Hosting:MessageLease"] = "00:00:04",
            // The host's queue triggers go through the same storage (and the same faults) as the app.
            ["AzureWebJobsStorage"] = storage,
            ["ComplaintFlow:Storage:ConnectionString"] = storage,
            ["ComplaintFlow:Storage:NamePrefix"] = prefix,
            ["ComplaintFlow:SendGrid:Host"] = fakesAddress,
            ["ComplaintFlow:SendGrid:ApiKey"] = "SG.fake-key",
            ["ComplaintFlow:SendGrid:Timeout"] = "00:00:02",
            ["ComplaintFlow:Intake:PublicBaseUrl"] = PublicBaseUrl,
            ["ComplaintFlow:Twilio:AccountSid"] = TwilioFakeStore.DefaultAccountSid,
            ["ComplaintFlow:Twilio:AuthToken"] = TwilioFakeStore.DefaultAuthToken,
            ["ComplaintFlow:Twilio:FromNumber"] = TwilioNumber,
            ["ComplaintFlow:Twilio:BaseUrl"] = fakesAddress,
            ["ComplaintFlow:Twilio:Timeout"] = "00:00:02",
            ["ComplaintFlow:Twilio:TotalTimeout"] = "00:00:10",
            ["ComplaintFlow:Twilio:RetryDelay"] = "00:00:00.050",
            // Outlasts the slowest send above (SendGrid: 4 attempts of 2 s plus 10 s), so a slow send is never doubled.
            ["ComplaintFlow:Notify:ClaimLease"] = "00:00:20",
            // Every simulated customer posts from loopback: the public form's rate limit must not refuse them.
            ["ComplaintFlow:Intake:RateLimit:PerIp"] = "1000000",
            ["ComplaintFlow:Intake:RateLimit:PerContact"] = "1000000",
            // Local development: the simulated customers post mail to an Inbound Parse URL without a secret.
            ["Auth:Mode"] = "Development",
            ["DeadlineSweepSchedule"] = "0 0 0 1 1 *",
            ["CalendarCoverageSchedule"] = "0 0 0 1 1 *",
            ["PipelineHealthSchedule"] = "0 0 0 1 1 *",
            ["WeeklyReportSchedule"] = "0 0 0 1 1 *",
            ["CategoryRetrainSchedule"] = "0 0 0 1 1 *",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Telemetry:Console"] = "false",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var app = new AppProcess(settings, Path.Combine(FaultRun.ReportFolder, name + "-app.log"));
        await app.StartAsync(CancellationToken.None);
        return new Pipeline(azurite, location, fakes, prefix, app);
    }

    /// <summary>Stops Azurite and starts it again on the same folder and ports; storage is unreachable meanwhile.</summary>
    public async Task RestartStorageAsync(TimeSpan down)
    {
        var (blob, queue, table) = (Azurite.BlobPort, Azurite.QueuePort, Azurite.TablePort);
        await Azurite.StopAsync();
        await Azurite.DisposeAsync();
        await Task.Delay(down);
        Azurite = await Azurite.StartAsync(inMemory: false, location: Location, ports: (blob, queue, table));
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await _fakes.StopAsync();
        await _fakes.DisposeAsync();
        await Azurite.DisposeAsync();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // Azurite may still be flushing; the folder is under the temp directory.
        }
    }
}
