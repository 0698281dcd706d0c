using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// local.settings.sample.json lists every setting the app reads; in Azure each one is an app setting set by Bicep,
/// except those listed here with the reason.
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
        // The local trigger host's message lease; in Azure the Functions host leases and renews queue messages itself.
        "Hosting__MessageLease",
    };

    private static IReadOnlyDictionary<string, string> BicepSettings { get; } =
        BicepSource.FunctionApp.ObjectEntries("hostSettings")
            .Concat(BicepSource.Main.ObjectEntries("appSettings"))
            .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);

    [Fact]
    public void Every_setting_in_the_local_sample_is_set_by_Bicep()
    {
        var sample = AppSource.SampleSettingKeys();
        Assert.NotEmpty(sample);

        var missing = sample
            .Where(key => !LocalOnly.Contains(key))
            .SelectMany(key => AzureEquivalents.GetValueOrDefault(key) ?? [key])
            .Where(key => !BicepSettings.ContainsKey(key))
            .Order(StringComparer.Ordinal);

        Assert.Empty(missing);
    }

    [Fact]
    public void Settings_replaced_in_Azure_are_still_in_the_sample_and_not_set_by_Bicep()
    {
        var sample = AppSource.SampleSettingKeys().ToHashSet(StringComparer.Ordinal);
        var exceptions = AzureEquivalents.Keys.Concat(LocalOnly).ToArray();

        var goneFromSample = exceptions.Where(key => !sample.Contains(key)).ToArray();
        var setInAzure = exceptions.Where(BicepSettings.ContainsKey).ToArray();

        // A stale entry here would hide a setting; a connection string set in Azure would carry an account key.
        Assert.Empty(goneFromSample);
        Assert.Empty(setInAzure);
    }

    [Fact]
    public void Every_secret_setting_is_a_Key_Vault_reference()
    {
        var secrets = BicepSettings.Where(setting => SecretName().IsMatch(setting.Key)).ToArray();
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
