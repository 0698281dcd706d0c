using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// Complaint data is reached only with Entra ID: the account refuses shared keys, the host and the app use the managed
/// identity, and it holds the data-plane roles they need. The one key in the deployment is the Elastic Premium content
/// share's, on an account of its own.
/// </summary>
public sealed partial class SharedKeyTests
{
    [Fact]
    public void The_data_storage_account_refuses_shared_keys()
    {
        var account = BicepSource.Storage.Declaration("storage");

        Assert.Contains("allowSharedKeyAccess: false", account, StringComparison.Ordinal);
        Assert.Contains("defaultToOAuthAuthentication: true", account, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_Elastic_Premium_content_share_and_the_Language_account_list_keys()
    {
        var listKeys = Repository.SourceFiles("infra-bicep", "*.bicep")
            .SelectMany(path => ListKeys().Matches(File.ReadAllText(path)).Select(match => $"{Path.GetFileName(path)}: {match.Groups["symbol"].Value}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(["function-app.bicep: contentStorage", "language.bicep: language"], listKeys);
        Assert.Contains("listKeys()", BicepSource.FunctionApp.ObjectEntries("elasticPremiumSettings")["WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"], StringComparison.Ordinal);
    }

    [Fact]
    public void No_connection_string_with_an_account_key_is_an_app_setting_on_either_plan()
    {
        Assert.Empty(BicepAppSettings.Common.Where(setting => setting.Value.Contains("AccountKey", StringComparison.OrdinalIgnoreCase)).Select(setting => setting.Key));
        Assert.DoesNotContain("AzureWebJobsStorage", BicepAppSettings.Common.Keys);
    }

    [Fact]
    public void The_identity_holds_the_storage_roles_the_host_and_the_app_need()
    {
        var roles = BicepSource.Storage.ObjectEntries("roles");

        // Queue triggers and the app's queue client; complaints and deadlines; raw payloads, host locks and, on Flex
        // Consumption, the deployment container (Blob Data Owner is the role the Functions documentation names).
        Assert.Equal("'974c5e8b-45b9-4653-ba55-5f855dd0fb88'", roles["queueDataContributor"]);
        Assert.Equal("'0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'", roles["tableDataContributor"]);
        Assert.Equal("'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'", roles["blobDataOwner"]);
        Assert.Contains("for role in items(roles)", BicepSource.Storage.Declaration("roleAssignments"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<symbol>\w+)!?\.listKeys\(")]
    private static partial Regex ListKeys();
}
