using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// local.settings.sample.json lists every setting the app and the Functions host read locally; in Azure each one is an
/// app setting set by Bicep, except those listed here with the reason.
/// </summary>
public sealed partial class AppSettingsTests
{
    /// <summary>Local settings that Azure replaces with other keys.</summary>
    private static readonly Dictionary<string, string[]> AzureEquivalents = new(StringComparer.Ordinal)
    {
        // Locally a connection string to Azurite; in Azure the host's identity-based connection (no account key).
        ["AzureWebJobsStorage"] = ["AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId"],
        // Locally a connection string; in Azure the account name and the managed identity's client id.
        ["ComplaintFlow__Storage__ConnectionString"] = ["ComplaintFlow__Storage__AccountName", "ComplaintFlow__Storage__ClientId"],
    };

    /// <summary>Local-only settings: Azure relies on the app's default.</summary>
    private static readonly HashSet<string> LocalOnly = new(StringComparer.Ordinal)
    {
        // Points at the local SendGrid fake; the default is the real API, https://api.sendgrid.com.
        "ComplaintFlow__SendGrid__Host",
        // Points at the local Twilio fake; the default is the real API, https://api.twilio.com.
        "ComplaintFlow__Twilio__BaseUrl",
        // The local host's message lease; in Azure the Functions host leases and renews queue messages itself.
        "Hosting__MessageLease",
        // Basic-auth credentials are the alternative to WebhookKey for the Inbound Parse URL; in Azure the key (in Key
        // Vault) is the credential Bicep configures.
        "ComplaintFlow__InboundEmail__WebhookUser",
        "ComplaintFlow__InboundEmail__WebhookPassword",
        // Fictional phone numbers are for development and tests; in Azure such a sender is unusable (the default).
        "ComplaintFlow__Intake__AcceptFictionalNumbers",
    };

    /// <summary>
    /// Lists whose entries are examples locally and optional in Azure, where the code's defaults apply (the default
    /// root-cause taxonomy, no extra own addresses, no staff listed ahead of their first sign-in, Twilio's media CDN,
    /// no teams: a deployment names its own).
    /// </summary>
    private static readonly string[] OptionalLists = ["ComplaintFlow__Portal__RootCauses__", "ComplaintFlow__InboundEmail__OwnAddresses__", "ComplaintFlow__Portal__Staff__", "ComplaintFlow__Twilio__MediaRedirectHosts__", "ComplaintFlow__Portal__Teams__"];

    /// <summary>
    /// Settings that Flex Consumption refuses as app settings, because the site declares them itself; Bicep sets them
    /// only on Elastic Premium. Locally <c>func start</c> needs FUNCTIONS_WORKER_RUNTIME to pick the worker.
    /// </summary>
    private static readonly HashSet<string> RefusedByFlexConsumption = new(StringComparer.Ordinal)
    {
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_EXTENSION_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_CONTENTSHARE",
        "SCM_DO_BUILD_DURING_DEPLOYMENT",
    };

    [Fact]
    public void Every_setting_in_the_local_sample_is_set_by_Bicep()
    {
        var sample = AppSource.SampleSettings().Keys;
        Assert.NotEmpty(sample);

        var missing = sample
            .Where(key => !LocalOnly.Contains(key) && !RefusedByFlexConsumption.Contains(key) && !OptionalLists.Any(list => key.StartsWith(list, StringComparison.Ordinal)))
            .SelectMany(key => AzureEquivalents.GetValueOrDefault(key) ?? [key])
            .Where(key => !BicepAppSettings.Common.ContainsKey(key))
            .Order(StringComparer.Ordinal);

        Assert.Empty(missing);
    }

    [Fact]
    public void Settings_replaced_in_Azure_are_still_in_the_sample_and_not_set_by_Bicep()
    {
        var sample = AppSource.SampleSettings();
        var exceptions = AzureEquivalents.Keys.Concat(LocalOnly).ToArray();

        var goneFromSample = exceptions.Where(key => !sample.ContainsKey(key)).ToArray();
        var setInAzure = exceptions.Where(key => BicepAppSettings.Common.ContainsKey(key) || BicepAppSettings.ElasticPremiumOnly.ContainsKey(key)).ToArray();

        // A stale entry here would hide a setting; a connection string set in Azure would carry an account key.
        Assert.Empty(goneFromSample);
        Assert.Empty(setInAzure);
    }

    [Fact]
    public void Every_setting_a_trigger_names_is_an_app_setting_in_Bicep()
    {
        // The host refuses to index a function whose %Setting% does not resolve, and then none of the app runs.
        var references = AppSource.Functions()
            .SelectMany(function => function.Bindings.Where(binding => binding.IsTrigger).SelectMany(binding => binding.SettingReferences()))
            .Select(BicepAppSettings.AppSettingName)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("DeadlineSweepSchedule", references);
        Assert.Contains("ComplaintFlow__Storage__NamePrefix", references);

        Assert.Subset(BicepAppSettings.Common.Keys.ToHashSet(StringComparer.Ordinal), references);
        Assert.Subset(AppSource.SampleSettings().Keys.ToHashSet(StringComparer.Ordinal), references);
    }

    [Fact]
    public void Triggers_use_the_host_storage_connection_which_is_identity_based_in_Azure()
    {
        var connections = AppSource.Functions()
            .SelectMany(function => function.Bindings)
            .Where(binding => binding.Type == "queueTrigger")
            .Select(binding => binding.Properties.GetValueOrDefault("connection") is { Length: > 0 } name ? name : "AzureWebJobsStorage")
            .Distinct()
            .ToArray();

        Assert.Equal(["AzureWebJobsStorage"], connections);
        Assert.Equal("'managedidentity'", BicepAppSettings.Common["AzureWebJobsStorage__credential"]);
        Assert.Equal("identityClientId", BicepAppSettings.Common["AzureWebJobsStorage__clientId"]);
    }

    [Fact]
    public void Settings_Flex_Consumption_refuses_are_set_on_Elastic_Premium_only()
    {
        Assert.DoesNotContain(BicepAppSettings.Common.Keys, key => RefusedByFlexConsumption.Contains(key) || key.StartsWith("WEBSITE_CONTENT", StringComparison.Ordinal));
        Assert.Subset(RefusedByFlexConsumption, BicepAppSettings.ElasticPremiumOnly.Keys.ToHashSet(StringComparer.Ordinal));
        Assert.Contains("union(hostSettings, isFlex ? {} : elasticPremiumSettings, appSettings)", BicepSource.FunctionApp.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worker_runtime_is_the_same_locally_on_Flex_Consumption_and_on_Elastic_Premium()
    {
        var local = AppSource.SampleSettings()["FUNCTIONS_WORKER_RUNTIME"];

        Assert.Equal("dotnet-isolated", local);
        Assert.Equal($"'{local}'", BicepAppSettings.ElasticPremiumOnly["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("'~4'", BicepAppSettings.ElasticPremiumOnly["FUNCTIONS_EXTENSION_VERSION"]);
        Assert.Matches($@"runtime: \{{\s*name: '{local}'", BicepSource.FunctionApp.Block("functionAppConfig", "runtime"));
    }

    [Fact]
    public void Every_secret_setting_is_a_Key_Vault_reference()
    {
        var secrets = BicepAppSettings.Common.Where(setting => SecretName().IsMatch(setting.Key)).ToArray();
        Assert.NotEmpty(secrets);

        Assert.Empty(secrets.Where(setting => !setting.Value.Contains("keyVaultReference(", StringComparison.Ordinal)).Select(setting => setting.Key));
    }

    [Fact]
    public void Secure_parameters_are_read_from_the_environment_never_written_in_the_parameter_file()
    {
        var main = Repository.Read("infra-bicep", "main.bicep");
        var parameters = Repository.Read("infra-bicep", "main.bicepparam");
        var secure = SecureParameter().Matches(main).Select(match => match.Groups["name"].Value).ToArray();
        Assert.NotEmpty(secure);

        var notFromEnvironment = secure.Where(name =>
            !Regex.IsMatch(parameters, $@"^param {name} = readEnvironmentVariable\('\w+', ''\)$", RegexOptions.Multiline));

        Assert.Empty(notFromEnvironment);
    }

    /// <summary>The last section of the key names a credential: ApiKey, AuthToken, Key, EmailWebhookSecret...</summary>
    [GeneratedRegex("(^|__)[A-Za-z]*(Key|Secret|Token|Password)$")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"@secure\(\)\s*\nparam (?<name>\w+)")]
    private static partial Regex SecureParameter();
}
