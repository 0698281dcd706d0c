using Azure.Monitor.OpenTelemetry.Exporter;
using Azure.Storage.Queues;
using ComplaintFlow.Azure;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Channels;
using ComplaintFlow.Functions.Http;
using ComplaintFlow.Functions.Intake;
using ComplaintFlow.Functions.Notify;
using ComplaintFlow.Functions.Poison;
using ComplaintFlow.Functions.Portal;
using ComplaintFlow.Functions.Sla;
using ComplaintFlow.Functions.Triage;
using ComplaintFlow.Functions.Web;
using ComplaintFlow.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ComplaintFlow.Functions;

/// <summary>
/// The composition root. The same app runs under the Azure Functions host (custom handler: HTTP forwarded, queue and
/// timer invocations posted to <c>/{FunctionName}</c>) and locally, where the local trigger host drives the queues.
/// </summary>
public static class ComplaintFlowApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Configuration.AddLocalSettings();
        if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } port)
        {
            // Under the Functions host the app listens where the host tells it to.
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }

        // Callers (tests) configure first: their settings must be seen by the registrations below, and services they
        // register (a FakeTimeProvider) win because the app only adds its defaults when none is registered.
        configure?.Invoke(builder);
        AddServices(builder.Services, builder.Configuration);
        QuerySecrets.AddQuerySecrets(builder.Services);

        var app = builder.Build();
        app.UseSecurityHeaders();
        // Under the Functions host every request comes from the host on loopback; the client's address is the last
        // X-Forwarded-For entry, the one App Service's front end appended. Entries a client wrote before it are ignored.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UsePortalIdentity();
        app.MapIntake();
        app.MapInboundChannels();
        app.MapPortal();
        app.MapPoisonQueues();
        app.MapDataRights();
        app.MapWebPages();
        app.MapCustomHandlerFunctions();
        return app;
    }

    private static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotifyOptions>().Bind(configuration.GetSection(NotifyOptions.Section)).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), $"{NotifyOptions.Section}:TimeZone is not a known IANA time zone.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IntakeOptions>>().Value);
        services.AddOptions<IntakeRateLimitOptions>().Bind(configuration.GetSection(IntakeRateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SubmissionRateLimiter>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<NotifyOptions>>().Value);

        services.AddComplaintFlowStorage(configuration);
        services.AddSendGridEmail(configuration);
        services.AddComplaintFlowChannels(configuration);
        services.AddOptions<InboundEmailOptions>().Bind(configuration.GetSection(InboundEmailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmsOptions>().Bind(configuration.GetSection(SmsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<InboundEmailOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SmsOptions>>().Value);
        services.AddSingleton<InboundEmailParser>();
        services.AddSingleton<InboundEmailClassifier>();
        services.AddSingleton<InboundEmailWebhookGuard>();
        services.AddSingleton<InboundEmailIntake>();
        services.AddSingleton<CustomerReplies>();
        services.AddSingleton<TwilioInboundSmsParser>();
        services.AddSingleton<AcsEventGridParser>();
        services.AddSingleton<SmsKeywordPolicy>();
        services.AddSingleton<SmsThreadingPolicy>();
        services.AddSingleton<SmsComposer>();
        services.AddSingleton<InboundSmsIntake>();

        services.AddSingleton<IntakeService>();
        services.AddComplaintFlowTriage(configuration);
        services.AddOptions<DeadlineOptions>().Bind(configuration.GetSection(DeadlineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeadlineOptions>, DeadlineRulesValidation>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DeadlineOptions>>().Value);
        services.AddSingleton(sp => DeadlineRules.Load(sp.GetRequiredService<DeadlineOptions>()));
        services.AddSingleton<DeadlinePlanner>();
        services.AddSingleton<DeadlineClock>();
        services.AddSingleton<SlaSweepPolicy>();
        services.AddSingleton<SlaSweep>();
        services.AddSingleton<TriageService>();
        services.AddSingleton<NotificationComposer>();
        services.AddSingleton<NotifyService>();
        services.AddPortal(configuration);
        services.AddDataRights();

        // host.json's queue settings: its maxDequeueCount tells a queue function which delivery is the last.
        services.AddSingleton(_ => ScriptRoot.ReadHost(AppContext.BaseDirectory).Queues);
        services.AddFunctionRegistry(registry => registry
            .Add(TriageFunction.Name, LastDelivery.ParksOnLastDelivery(TriageFunction.Name, QueueNames.Intake, TriageFunction.RunAsync))
            .Add(NotifyFunction.Name, LastDelivery.ParksOnLastDelivery(NotifyFunction.Name, QueueNames.Notifications, NotifyFunction.RunAsync, NotifyFunction.GivingUpAsync))
            .Add(SlaFunction.Name, SlaFunction.RunAsync));
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.AddLocalTriggerHost(configuration, o =>
        {
            o.ScriptRoot = AppContext.BaseDirectory;
            o.QueueName = storage.Queue;
            o.QueueService = _ =>
            {
                var queueOptions = new QueueClientOptions();
                ServiceRegistration.ConfigureStorageRetry(queueOptions.Retry, storage);
                return new QueueServiceClient(
                    storage.ConnectionString ?? throw new InvalidOperationException($"Local triggers need {StorageOptions.Section}:ConnectionString."),
                    queueOptions);
            };
        });

        AddTelemetry(services, configuration);
    }

    private static void AddTelemetry(IServiceCollection services, IConfiguration configuration)
    {
        var appInsights = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var console = configuration.GetValue("Telemetry:Console", false);
        services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddSource(Telemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (console)
                {
                    tracing.AddConsoleExporter();
                }

                if (!string.IsNullOrWhiteSpace(appInsights))
                {
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = appInsights);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Telemetry.Name).AddAspNetCoreInstrumentation();
                if (console)
                {
                    metrics.AddConsoleExporter();
                }

                if (!string.IsNullOrWhiteSpace(appInsights))
                {
                    metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = appInsights);
                }
            });
    }
}
