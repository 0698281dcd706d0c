using System.Net.Http.Json;
using System.Reflection;
using System.Security.Cryptography;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Fakes;
using ComplaintFlow.Fakes.SendGrid;
using ComplaintFlow.Fakes.Twilio;
using ComplaintFlow.Functions;
using ComplaintFlow.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Testing;

/// <summary>
/// The real function app: the built isolated worker, started and driven over gRPC by the local Functions host on a
/// free port, on the shared Azurite (its own name prefix), with the provider fakes on another free port: the system
/// as a user meets it. <see cref="Services"/> reaches the same storage with the same settings from the test.
/// </summary>
public sealed class AppHost : IAsyncDisposable
{
    private readonly LocalFunctionsHost _host;
    private readonly ServiceProvider _services;
    private readonly WebApplication _fakes;
    private readonly ILoggerFactory _loggers;

    private AppHost(LocalFunctionsHost host, ServiceProvider services, ILoggerFactory loggers, WebApplication fakes, Uri fakesAddress, string prefix, Azurite azurite)
    {
        _host = host;
        _services = services;
        _loggers = loggers;
        _fakes = fakes;
        Address = host.Address;
        FakesAddress = fakesAddress;
        Prefix = prefix;
        Azurite = azurite;
        Client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }
    public Uri FakesAddress { get; }
    public string Prefix { get; }
    public Azurite Azurite { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _services;

    /// <summary>The local Functions host, for tests of the worker process itself (kill it, count restarts).</summary>
    public LocalFunctionsHost Functions => _host;

    /// <summary>The local Functions host's own build (run as a process by the fault tests and the run command).</summary>
    public static string HostExecutable { get; } = Path.GetFullPath(typeof(AppHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "HostOutput").Value! + "ComplaintFlow.Hosting.dll");

    /// <summary>The worker's build output (functions.metadata, host.json, wwwroot), in this build's configuration.</summary>
    public static string WorkerOutput { get; } = Path.GetFullPath(typeof(AppHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "WorkerOutput").Value!);
    public SendGridMailbox Mailbox => _fakes.Services.GetRequiredService<SendGridMailbox>();
    /// <summary>What the app texted through the Twilio fake.</summary>
    public TwilioFakeStore Texts => _fakes.Services.GetRequiredService<TwilioFakeStore>();

    /// <summary>Texts the app sent through the ACS fake (to customers who texted <see cref="AcsNumber"/>).</summary>
    public Fakes.Acs.AcsFakeStore AcsTexts => _fakes.Services.GetRequiredService<Fakes.Acs.AcsFakeStore>();

    /// <summary>Our ACS number: the tests' SMSReceived events are addressed to it.</summary>
    public const string AcsNumber = "+18005550100";

    /// <summary>The number the app texts from, and Twilio's signing token, as configured.</summary>
    public const string TwilioNumber = "+14155550100";
    public const string TwilioAuthToken = TwilioFakeStore.DefaultAuthToken;

    /// <summary>The secret the Event Grid subscription URL carries (<c>/api/inbound/sms/acs?key=...</c>), as configured.</summary>
    public const string AcsWebhookKey = "test-acs-webhook-key";

    /// <summary>
    /// The key-encryption key that wraps the data-protection key ring, as Key Vault hands it to the app in Azure: set
    /// for every test, so the key ring is always stored wrapped and the production-mode tests can start.
    /// </summary>
    public const string KeyEncryptionKey = "PiKGTwl2O8ziTbqo95PjWSnrY6ibPjLXxZXjcBfjjpE=";

    public IComplaintStore Complaints => Services.GetRequiredService<IComplaintStore>();

    /// <summary>The fakes' delivery reports (SendGrid events, Twilio status callbacks), posted to this app once <see cref="ReportDeliveries"/> is called.</summary>
    public DeliveryReporting Deliveries => _fakes.Services.GetRequiredService<DeliveryReporting>();

    /// <summary>From now on the fakes report each message's fate to the app, as the real providers do.</summary>
    public void ReportDeliveries() => Deliveries.AppAddress = Address;

    /// <param name="logging">Where the host's and the worker's logs go besides the console (tests capture them).</param>
    public static async Task<AppHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<ILoggingBuilder>? logging = null,
        Action<WebApplicationBuilder>? configureFakes = null)
    {
        var azurite = await Azurite.SharedAsync();
        var fakes = FakeProviders.Build([], b =>
        {
            b.WebHost.UseUrls("http://127.0.0.1:0");
            configureFakes?.Invoke(b);
        });
        await fakes.StartAsync();
        var fakesAddress = AddressOf(fakes);

        var prefix = "t" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant();
        var values = new Dictionary<string, string?>
        {
            // The host's queue triggers read the storage the Functions runtime uses; the app's own clients read theirs.
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["ComplaintFlow:Storage:ConnectionString"] = azurite.ConnectionString,
            ["ComplaintFlow:Storage:NamePrefix"] = prefix,
            ["ComplaintFlow:SendGrid:Host"] = fakesAddress.ToString().TrimEnd('/'),
            ["ComplaintFlow:SendGrid:ApiKey"] = "SG.fake-key",
            ["ComplaintFlow:SendGrid:EventWebhookPublicKey"] = DeliveryReporting.DevPublicKey,
            ["ComplaintFlow:Intake:PublicBaseUrl"] = "http://complaints.test",
            ["ComplaintFlow:Twilio:AccountSid"] = TwilioFakeStore.DefaultAccountSid,
            ["ComplaintFlow:Twilio:AuthToken"] = TwilioAuthToken,
            ["ComplaintFlow:Twilio:FromNumber"] = TwilioNumber,
            ["ComplaintFlow:Twilio:BaseUrl"] = fakesAddress.ToString().TrimEnd('/'),
            ["ComplaintFlow:Twilio:RetryDelay"] = "00:00:00.050",
            // Every test and the bench post from 127.0.0.1, often thousands of complaints; the security tests set limits.
            ["ComplaintFlow:Intake:RateLimit:PerIp"] = "1000000",
            ["ComplaintFlow:Intake:RateLimit:PerContact"] = "1000000",
            ["ComplaintFlow:Sms:AcsWebhookKey"] = AcsWebhookKey,
            ["ComplaintFlow:DataProtection:KeyEncryptionKey"] = KeyEncryptionKey,
            ["ComplaintFlow:Sms:AccessCodeKey"] = "test-access-code-key-0123456789abcdef",
            ["ComplaintFlow:Acs:Endpoint"] = fakesAddress.ToString().TrimEnd('/'),
            ["ComplaintFlow:Acs:AccessKey"] = Fakes.Acs.AcsFakeStore.DefaultAccessKey,
            ["ComplaintFlow:Acs:FromNumber"] = AcsNumber,
            ["ComplaintFlow:Acs:RetryDelay"] = "00:00:00.050",
            // Local development, as run.sh starts it (the dev sign-in, an Inbound Parse URL without a secret); the
            // tests of the production settings set Auth:Mode=AppService.
            ["Auth:Mode"] = "Development",
            // Tests run sweeps themselves (with a fake clock); the timer only needs a valid schedule.
            ["DeadlineSweepSchedule"] = "0 0 0 1 1 *",
            ["CalendarCoverageSchedule"] = "0 0 0 1 1 *",
            ["PipelineHealthSchedule"] = "0 0 0 1 1 *",
            ["WeeklyReportSchedule"] = "0 0 0 1 1 *",
            ["CategoryRetrainSchedule"] = "0 0 0 1 1 *",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var loggers = LoggerFactory.Create(b =>
        {
            b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            logging?.Invoke(b);
        });
        // The test's own view of the app's storage; it creates what the app would, so a test may seed complaints at once.
        var services = ComplaintFlowApp.BuildServices(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        foreach (var initializer in services.GetServices<IHostedService>().OfType<StorageInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }

        LocalFunctionsHost host;
        try
        {
            host = await LocalFunctionsHost.StartAsync(new FunctionsHostOptions { ScriptRoot = WorkerOutput, Settings = values }, loggers);
        }
        catch
        {
            loggers.Dispose();
            await services.DisposeAsync();
            await fakes.DisposeAsync();
            throw;
        }

        return new AppHost(host, services, loggers, fakes, fakesAddress, prefix, azurite);
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after the timeout.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, Func<T?, bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        T? last = default;
        while (clock.Elapsed < limit)
        {
            last = await probe();
            if (condition(last))
            {
                return last!;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Timed out waiting for {what}; last seen: {last}");
    }

    public Task<HttpResponseMessage> SubmitAsync(object complaint, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/complaints") { Content = JsonContent.Create(complaint) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Client.SendAsync(request);
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        await _services.DisposeAsync();
        _loggers.Dispose();
        await _fakes.StopAsync();
        await _fakes.DisposeAsync();
    }
}
