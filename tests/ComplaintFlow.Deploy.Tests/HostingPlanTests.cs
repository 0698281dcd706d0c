using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// The function app runs on Flex Consumption as a .NET 10 isolated worker, deployed from a blob container with the
/// managed identity; Elastic Premium stays a parameter away for regions without Flex.
/// </summary>
public sealed class HostingPlanTests
{
    private static readonly BicepSource App = BicepSource.FunctionApp;

    [Fact]
    public void Flex_Consumption_is_the_default_and_Elastic_Premium_the_alternative()
    {
        foreach (var source in new[] { BicepSource.Main, App })
        {
            var parameter = source.Parameter("hostingPlan");
            Assert.Matches(@"@allowed\(\[\s*'FlexConsumption'\s*'ElasticPremium'\s*\]\)", parameter);
            Assert.EndsWith("param hostingPlan string = 'FlexConsumption'", parameter, StringComparison.Ordinal);
        }

        Assert.Contains("hostingPlan: hostingPlan", BicepSource.Main.Declaration("functionApp"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_is_FC1_Flex_Consumption_on_Linux()
    {
        var plan = App.Declaration("plan");

        Assert.Contains("sku: isFlex ? { tier: 'FlexConsumption', name: 'FC1' } : { tier: 'ElasticPremium', name: elasticPremiumSku }", plan, StringComparison.Ordinal);
        Assert.Contains("reserved: true", plan, StringComparison.Ordinal);
        Assert.Contains("kind: 'functionapp,linux'", App.Declaration("site"), StringComparison.Ordinal);
    }

    [Fact]
    public void Flex_runs_the_dotnet_isolated_worker_on_the_dotnet_version_the_project_targets()
    {
        var runtime = App.Block("functionAppConfig", "runtime");
        var targetFramework = Regex.Match(Repository.Read("Directory.Build.props"), @"<TargetFramework>net(?<version>[\d.]+)</TargetFramework>").Groups["version"].Value;

        Assert.Equal("10.0", targetFramework);
        Assert.Matches($@"name: 'dotnet-isolated'\s*version: '{Regex.Escape(targetFramework)}'", runtime);
        Assert.Contains($"linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|{targetFramework}'", App.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Flex_deploys_from_a_blob_container_with_the_user_assigned_identity()
    {
        var storage = App.Block("functionAppConfig", "deployment", "storage");

        Assert.Contains("type: 'blobContainer'", storage, StringComparison.Ordinal);
        Assert.Contains("value: deploymentContainerUrl", storage, StringComparison.Ordinal);
        Assert.Matches(@"authentication: \{\s*type: 'UserAssignedIdentity'\s*userAssignedIdentityResourceId: identityId\s*\}", storage);
        Assert.Contains("functionAppConfig: isFlex", App.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_HTTP_functions_have_always_ready_instances_by_default()
    {
        var scale = App.Block("functionAppConfig", "scaleAndConcurrency");

        Assert.Matches(@"alwaysReady: alwaysReadyHttpInstances > 0\s*\?\s*\[\s*\{\s*name: 'http'\s*instanceCount: alwaysReadyHttpInstances\s*\}\s*\]\s*:\s*\[\]", scale);
        Assert.Contains("maximumInstanceCount: maximumInstanceCount", scale, StringComparison.Ordinal);
        Assert.Contains("instanceMemoryMB: instanceMemoryMB", scale, StringComparison.Ordinal);
        foreach (var source in new[] { BicepSource.Main, App })
        {
            Assert.Matches(@"@minValue\(0\)[\s\S]*param alwaysReadyHttpInstances int = 1$", source.Parameter("alwaysReadyHttpInstances"));
            Assert.Matches(@"@allowed\(\[\s*512\s*2048\s*4096\s*\]\)\s*param instanceMemoryMB int = 2048$", source.Parameter("instanceMemoryMB"));
        }
    }

    [Fact]
    public void Site_properties_Flex_refuses_are_set_on_Elastic_Premium_only()
    {
        Assert.Contains("minimumElasticInstanceCount: isFlex ? null : 1", App.Text, StringComparison.Ordinal);
        Assert.Contains("maximumElasticWorkerCount: isFlex ? null : elasticPremiumMaximumInstanceCount", App.Declaration("plan"), StringComparison.Ordinal);
        Assert.Contains("resource contentStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = if (!isFlex) {", App.Text, StringComparison.Ordinal);
    }
}
