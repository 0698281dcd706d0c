using Azure.Monitor.OpenTelemetry.Exporter;
using ComplaintFlow.Azure;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Deadlines;
using ComplaintFlow.Functions.Desk;
using ComplaintFlow.Functions.Http;
using ComplaintFlow.Functions.Intake;
using ComplaintFlow.Functions.Notify;
using ComplaintFlow.Functions.Web;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ComplaintFlow.Functions;

/// <summary>
/// The composition root: a .NET isolated worker with ASP.NET Core integration. The Functions host (Microsoft's in
/// Azure, <c>shared/ComplaintFlow.Hosting</c> locally) starts this process, talks to it over gRPC and forwards HTTP
/// requests to its own listener; the queue and timer triggers are the host's, not ours.
/// </summary>
public static class ComplaintFlowApp
{
    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        // Runs inside the ASP.NET Core integration's middleware, so the function's HttpContext is there to check.
        builder.UseMiddleware<ClientPrincipalMiddleware>();
        builder.UseMiddleware<DeskAccessMiddleware>();
        AddServices(builder.Services, builder.Configuration);
        builder.Services.AddSingleton<IStartupFilter, WebPipeline>();
        // The worker's own forwarded-headers step: the client's address is the last X-Forwarded-For entry, the one the
        // front end (App Service, then the Functions host) appended; entries a client wrote before it are ignored.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
        });
        builder.Services.AddProblemDetails();
        // After the integration registered Kestrel: the query's secrets leave the URL before anything logs it.
        QuerySecrets.AddQuerySecrets(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// The services without the worker: what the poison replay command and the tests use to reach the same storage
    /// with the same settings.
    /// </summary>
    public static ServiceProvider BuildServices(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        AddServices(services, configuration);
        return services.BuildServiceProvider();
    }

    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotifyOptions>().Bind(configuration.GetSection(NotifyOptions.Section)).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), $"{NotifyOptions.Section}:TimeZone is not a known IANA time zone.")
            .Validate(o => string.IsNullOrEmpty(o.ReplyTokenKey) || o.ReplyTokenKey.Length >= 32, $"{NotifyOptions.Section}:ReplyTokenKey must be at least 32 characters.")
            .Validate(o => string.IsNullOrEmpty(o.ReplyAddress) || ContactEmail.IsValid(o.ReplyAddress), $"{NotifyOptions.Section}:ReplyAddress is not an email address.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IntakeOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IntakeOptions>().Site);
        services.AddOptions<IntakeRateLimitOptions>().Bind(configuration.GetSection(IntakeRateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new SubmissionRateLimiter(sp.GetRequiredService<IOptions<IntakeRateLimitOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<NotifyOptions>>().Value);
        services.AddOptions<StatusRateLimitOptions>().Bind(configuration.GetSection(StatusRateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new StatusLookup(sp.GetRequiredService<IComplaintStore>(), sp.GetRequiredService<IOptions<StatusRateLimitOptions>>().Value, sp.GetRequiredService<NotifyOptions>(), sp.GetRequiredService<TimeProvider>()));

        services.AddComplaintFlowStorage(configuration);
        services.AddSendGridEmail(configuration);
        services.AddComplaintFlowChannels(configuration);
        services.AddOptions<InboundEmailOptions>().Bind(configuration.GetSection(InboundEmailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmsOptions>().Bind(configuration.GetSection(SmsOptions.Section)).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.AccessCodeKey) || o.AccessCodeKey.Length >= 32, $"{SmsOptions.Section}:AccessCodeKey must be at least 32 characters.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<InboundEmailOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SmsOptions>>().Value);
        services.AddSingleton<InboundEmailParser>();
        services.AddSingleton<InboundEmailClassifier>();
        services.AddSingleton(sp => new InboundEmailWebhookGuard(
            sp.GetRequiredService<InboundEmailOptions>(),
            development: sp.GetRequiredService<IOptions<AuthOptions>>().Value.Mode == AuthMode.Development));
        services.AddSingleton<InboundEmailIntake>();
        services.AddSingleton<NoticeBounces>();
        services.AddSingleton<ReplyAddresses>();
        services.AddSingleton<ReplyVerification>();
        services.AddSingleton<ReplyTriage>();
        services.AddSingleton<CustomerReplies>();
        services.AddSingleton<TwilioInboundSmsParser>();
        services.AddSingleton<AcsEventGridParser>();
        services.AddSingleton<SmsKeywordPolicy>();
        services.AddSingleton<SmsThreadingPolicy>();
        services.AddSingleton<AccessCodes>();
        services.AddSingleton<SmsComposer>();
        services.AddSingleton(sp => new ResolutionAccess(
            sp.GetRequiredService<IComplaintStore>(), sp.GetRequiredService<Notices>(), sp.GetRequiredService<AccessCodes>(), sp.GetRequiredService<SmsOptions>(),
            sp.GetRequiredService<IOptions<StatusRateLimitOptions>>().Value, sp.GetRequiredService<NotifyOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SmsSettingsCheck>();
        services.AddSingleton<InboundSmsIntake>();
        services.AddSingleton<SmsMediaIntake>();

        services.AddSingleton<IntakeService>();
        services.AddSingleton<WebFormIntake>();
        services.AddSingleton<SafeguardingAdvice>();
        services.AddComplaintFlowTriage(configuration);
        services.AddOptions<DeadlineOptions>().Bind(configuration.GetSection(DeadlineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeadlineOptions>, DeadlineRulesValidation>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DeadlineOptions>>().Value);
        services.AddSingleton(sp => DeadlineRules.Load(sp.GetRequiredService<DeadlineOptions>()));
        services.AddSingleton<DeadlinePlanner>();
        services.AddSingleton<DeadlineClock>();
        services.AddSingleton<DeadlineSweepPolicy>();
        services.AddSingleton<DeadlineSweep>();
        services.AddSingleton<TriageService>();
        services.AddSingleton<Notices>();
        services.AddSingleton<NotificationComposer>();
        services.AddSingleton<NotifyService>();
        services.AddSingleton<DeliveryReports>();
        services.AddOptions<PortalOptions>().Bind(configuration.GetSection(PortalOptions.Section)).ValidateDataAnnotations()
            .Validate(o => CustomerTime.IsKnownZone(o.TimeZone), $"{PortalOptions.Section}:TimeZone is not a known IANA time zone.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PortalOptions>>().Value);
        services.AddSingleton<IValidateOptions<PortalOptions>, CompensationLimitsValidation>();
        services.AddSingleton<IValidateOptions<PortalOptions>, TeamsValidation>();
        services.AddSingleton<TeamDirectory>();
        services.AddSingleton<AwaitingApprovals>();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<ComplaintDesk>();
        services.AddSingleton<TriageCorrections>();
        services.AddSingleton<AuthorityEscalations>();
        services.AddSingleton<CustomerSurvey>();
        services.AddSingleton<DeskActions>();
        services.AddSingleton<NoticeLetters>();
        services.AddSingleton<CustomerContacts>();
        services.AddSingleton<FollowUpTasks>();
        services.AddSingleton<ContactActions>();
        services.AddSingleton<LetterPreview>();
        services.AddSingleton<WorkLists>();
        services.AddSingleton<ComplaintFlow.Core.Desk.Search.ComplaintSearch>();
        services.AddSingleton<HeldMail>();
        services.AddSingleton<HeldMailDecisions>();
        services.AddSingleton<AttachmentDownloads>();
        services.AddPortalIdentity(configuration);
        services.AddDataRightsStorage();
        services.AddSingleton<ContactDataRights>();
        services.AddSingleton<CalendarMaintenance>();
        services.AddSingleton<OpenClockRecalculation>();
        services.AddSingleton<PipelineHealth>();
        services.AddSingleton<ComplaintFlow.Core.Desk.Incidents.IncidentDesk>();
        services.AddSingleton<ComplaintFlow.Core.Desk.Incidents.IncidentActions>();
        services.AddSingleton<WeeklyReports>();

        // host.json's queue settings: its maxDequeueCount tells a queue function which delivery is the last.
        services.AddSingleton(_ => QueueSettings.Read(AppContext.BaseDirectory));
        services.AddSingleton<LastDelivery>();

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
