using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ComplaintFlow.Azure.Contacts;
using ComplaintFlow.Azure.Deadlines;
using ComplaintFlow.Azure.Language;
using ComplaintFlow.Azure.SendGrid;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Poison;
using ComplaintFlow.Core.Triage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Azure;

public static class ServiceRegistration
{
    /// <summary>
    /// Storage clients, registered once: a connection string locally (Azurite), the account's endpoints with the
    /// managed identity in Azure. The SDK's own retry policy covers every storage call (exponential, 5 tries).
    /// </summary>
    public static IServiceCollection AddComplaintFlowStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();

        services.AddAzureClients(clients =>
        {
            if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
            {
                clients.AddTableServiceClient(storage.ConnectionString);
                clients.AddQueueServiceClient(storage.ConnectionString).ConfigureOptions(o => o.MessageEncoding = QueueMessageEncoding.Base64);
                clients.AddBlobServiceClient(storage.ConnectionString);
            }
            else if (!string.IsNullOrWhiteSpace(storage.AccountName))
            {
                clients.AddTableServiceClient(new Uri($"https://{storage.AccountName}.table.core.windows.net"));
                clients.AddQueueServiceClient(new Uri($"https://{storage.AccountName}.queue.core.windows.net"))
                    .ConfigureOptions(o => o.MessageEncoding = QueueMessageEncoding.Base64);
                clients.AddBlobServiceClient(new Uri($"https://{storage.AccountName}.blob.core.windows.net"));
                TokenCredential credential = string.IsNullOrWhiteSpace(storage.ClientId)
                    ? new DefaultAzureCredential()
                    : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(storage.ClientId));
                clients.UseCredential(credential);
            }

            clients.ConfigureDefaults(o => ConfigureStorageRetry(o.Retry, storage));
        });

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value);
        services.AddSingleton<IDeadlineIndex>(sp => new TableDeadlineIndex(TableOf(sp, TableNames.Deadlines)));
        services.AddSingleton<ComplaintFlow.Core.Desk.Search.ISearchIndex>(sp => new TableSearchIndex(TableOf(sp, TableNames.SearchIndex)));
        services.AddSingleton<IComplaintStore>(sp => new ComplaintFlow.Core.Desk.Search.SearchIndexedComplaintStore(
            new IndexedComplaintStore(new TableComplaintStore(TableOf(sp, TableNames.Complaints)), sp.GetRequiredService<IDeadlineIndex>()),
            sp.GetRequiredService<ComplaintFlow.Core.Desk.Search.ISearchIndex>()));
        services.AddSingleton<ComplaintFlow.Core.Desk.IComplaintCatalog>(sp => new TableComplaintStore(TableOf(sp, TableNames.Complaints)));
        services.AddSingleton<IRawPayloadStore>(sp => new BlobRawPayloadStore(RawInboundContainer(sp)));
        services.AddSingleton(sp => new QueueMessageReader(ClaimCheckContainer(sp)));
        services.AddSingleton<IMessageQueue>(sp => new AzureMessageQueue(
            sp.GetRequiredService<QueueServiceClient>(), ClaimCheckContainer(sp), sp.GetRequiredService<StorageOptions>()));
        services.AddSingleton<ICalendarYearStore>(sp => new TableCalendarYears(TableOf(sp, TableNames.Calendars)));
        services.AddSingleton<ComplaintFlow.Core.Desk.IStaffStore>(sp => new ComplaintFlow.Azure.Desk.TableStaffStore(TableOf(sp, TableNames.Staff)));
        services.AddSingleton<ComplaintFlow.Core.Desk.ICompensationApprovalIndex>(sp => new ComplaintFlow.Azure.Desk.TableCompensationApprovals(TableOf(sp, TableNames.CompensationApprovals)));
        services.AddSingleton<ComplaintFlow.Core.Desk.IContactFlagStore>(sp => new TableContactFlags(TableOf(sp, TableNames.ContactFlags)));
        services.AddSingleton<IIncidentStore>(sp => new ComplaintFlow.Azure.Desk.TableIncidentStore(TableOf(sp, TableNames.Incidents)));
        services.AddSingleton<IPoisonQueues>(sp => new AzurePoisonQueues(sp.GetRequiredService<QueueServiceClient>(), sp.GetRequiredService<StorageOptions>()));
        services.AddSingleton<ComplaintFlow.Core.Desk.IReportArchive>(sp => new BlobReportArchive(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<StorageOptions>().Container(ContainerNames.Reports))));
        services.AddSingleton<IQueueWatch>(sp => new AzureQueueWatch(sp.GetRequiredService<QueueServiceClient>(), sp.GetRequiredService<StorageOptions>()));
        // First of the hosted services, which start in order: the tables exist before the Functions worker connects to
        // its host and takes its first invocation.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StorageInitializer>());
        return services;
    }

    /// <summary>
    /// One retry policy for every storage client, the local trigger host's included: exponential, 5 tries, each
    /// abandoned after <see cref="StorageOptions.NetworkTimeout"/>.
    /// </summary>
    public static void ConfigureStorageRetry(RetryOptions retry, StorageOptions storage)
    {
        retry.MaxRetries = 5;
        retry.Mode = RetryMode.Exponential;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.NetworkTimeout = storage.NetworkTimeout;
    }

    /// <summary>
    /// The SendGrid client over an HttpClient with a timeout and retries (429 honouring Retry-After, 5xx), behind the
    /// suppression check (table <c>EmailSuppressions</c>), so no notice goes to an address that bounced hard.
    /// </summary>
    public static IServiceCollection AddSendGridEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SendGridOptions>().Bind(configuration.GetSection(SendGridOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var timeout = configuration.GetSection(SendGridOptions.Section).Get<SendGridOptions>()?.Timeout ?? TimeSpan.FromSeconds(20);
        services.AddHttpClient(nameof(SendGridEmailSender)).AddStandardResilienceHandler(o => ConfigureResilience(o, timeout));
        services.AddSingleton(sp => new SendGridEventSignature(sp.GetRequiredService<IOptions<SendGridOptions>>().Value));
        services.AddSingleton<IEmailSuppressions>(sp => new TableEmailSuppressions(TableOf(sp, TableNames.EmailSuppressions), sp.GetRequiredService<TimeProvider>()));
        services.AddTransient<IEmailSender>(sp => new SuppressionRespectingEmailSender(
            new SendGridEmailSender(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SendGridEmailSender)),
                sp.GetRequiredService<IOptions<SendGridOptions>>().Value,
                sp.GetRequiredService<IOptions<NotifyOptions>>().Value),
            sp.GetRequiredService<IEmailSuppressions>()));
        return services;
    }

    /// <summary>
    /// Triage: the policy (embedded, or the file at <c>ComplaintFlow:Triage:PolicyPath</c>), validated at start; the
    /// engine; the contact history (table <c>Contacts</c>); and the sentiment analyzer: Azure AI Language when
    /// <c>ComplaintFlow:Language:Endpoint</c> is set (the lexicon standing in when it is down), else the lexicon blended
    /// with the learned sentiment model.
    /// </summary>
    public static IServiceCollection AddComplaintFlowTriage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TriageOptions>().Bind(configuration.GetSection(TriageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TriageOptions>, TriagePolicyValidation>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TriageOptions>>().Value.LoadPolicy());
        // The category model beside the keywords: the current version in Blob (container models) when there is one,
        // refreshed in the background, else the shipped default (docs/triage.md, "Category model").
        services.AddOptions<CategoryModelOptions>().Bind(configuration.GetSection(CategoryModelOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ICategoryModelStore>(sp => new ComplaintFlow.Azure.Triage.BlobCategoryModelStore(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<StorageOptions>().Container(ContainerNames.Models))));
        services.AddSingleton(sp => new CategoryModels(
            sp.GetRequiredService<ICategoryModelStore>(),
            CategoryModelInUse.Default(sp.GetRequiredService<TriagePolicy>())));
        services.AddSingleton(sp => new ComplaintFlow.Core.Desk.CategoryTeaching(
            sp.GetRequiredService<ICategoryModelStore>(), sp.GetRequiredService<ComplaintFlow.Core.Desk.IComplaintCatalog>(), sp.GetRequiredService<IComplaintStore>(),
            sp.GetRequiredService<TriagePolicy>(), sp.GetRequiredService<CategoryModels>(), sp.GetRequiredService<IOptions<CategoryModelOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<ComplaintFlow.Azure.Triage.CategoryModelRefresher>();
        services.AddSingleton(sp => new TriageEngine(sp.GetRequiredService<TriagePolicy>(), sp.GetRequiredService<CategoryModels>()));
        // The incident gazetteer is read (and validated) here, at start: a broken one stops the app naming its keys.
        services.AddSingleton(IncidentAreas.Default);
        services.AddSingleton<IncidentMatching>();
        services.AddSingleton<LexiconAnalyzer>();
        services.AddSingleton<IContactHistory>(sp => new TableContactHistory(TableOf(sp, TableNames.Contacts)));

        services.AddOptions<AzureLanguageOptions>().Bind(configuration.GetSection(AzureLanguageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var language = configuration.GetSection(AzureLanguageOptions.Section).Get<AzureLanguageOptions>() ?? new AzureLanguageOptions();
        if (!language.Enabled)
        {
            // The lexicon with the learned sentiment model beside it (its weight is the policy's sentimentModel.weight;
            // 0 leaves the lexicon alone, and the model is then not even loaded).
            services.AddSingleton<ITextAnalyzer>(sp => sp.GetRequiredService<TriagePolicy>().SentimentModel.Weight > 0
                ? new BlendedAnalyzer(sp.GetRequiredService<LexiconAnalyzer>(), LinearTextModel.DefaultSentiment, sp.GetRequiredService<TriagePolicy>().SentimentModel.Weight)
                : sp.GetRequiredService<LexiconAnalyzer>());
            return services;
        }

        services.AddHttpClient(nameof(AzureLanguageAnalyzer)).AddStandardResilienceHandler(o => ConfigureResilience(o, language.Timeout));
        services.AddSingleton<ITextAnalyzer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AzureLanguageOptions>>().Value;
            TokenCredential? credential = string.IsNullOrWhiteSpace(options.Key)
                ? string.IsNullOrWhiteSpace(options.ClientId) ? new DefaultAzureCredential() : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId))
                : null;
            return new AzureLanguageAnalyzer(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AzureLanguageAnalyzer)),
                options,
                sp.GetRequiredService<LexiconAnalyzer>(),
                sp.GetRequiredService<ILogger<AzureLanguageAnalyzer>>(),
                credential);
        });
        return services;
    }

    /// <summary>One policy for every provider call: per-attempt timeout, a few retries with back-off, a total budget.</summary>
    public static void ConfigureResilience(HttpStandardResilienceOptions options, TimeSpan timeout)
    {
        options.AttemptTimeout.Timeout = timeout;
        options.Retry.MaxRetryAttempts = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.UseJitter = true;
        options.TotalRequestTimeout.Timeout = (timeout * 4) + TimeSpan.FromSeconds(10);
        options.CircuitBreaker.SamplingDuration = options.AttemptTimeout.Timeout * 2 > TimeSpan.FromSeconds(30)
            ? options.AttemptTimeout.Timeout * 2
            : TimeSpan.FromSeconds(30);
    }

    internal static TableClient TableOf(IServiceProvider sp, string name) =>
        sp.GetRequiredService<TableServiceClient>().GetTableClient(sp.GetRequiredService<StorageOptions>().Table(name));

    internal static BlobContainerClient RawInboundContainer(IServiceProvider sp) =>
        sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<StorageOptions>().Container(ContainerNames.RawInbound));

    private static BlobContainerClient ClaimCheckContainer(IServiceProvider sp) =>
        sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<StorageOptions>().Container(ContainerNames.ClaimChecks));
}

/// <summary>Loads the triage policy at start, so a bad rule stops the app with the keys it got wrong.</summary>
internal sealed class TriagePolicyValidation : IValidateOptions<TriageOptions>
{
    public ValidateOptionsResult Validate(string? name, TriageOptions options)
    {
        try
        {
            options.LoadPolicy();
            return ValidateOptionsResult.Success;
        }
        catch (TriagePolicyException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
