namespace ComplaintFlow.Deploy.Tests;

/// <summary>Every queue, table and container the app touches exists in Azure: Bicep creates them, the app does not.</summary>
public sealed class StorageDeclarationTests
{
    [Fact]
    public void Every_queue_the_app_uses_is_declared_in_Bicep_with_its_poison_queue()
    {
        var constants = AppSource.NameConstants("QueueNames");
        var triggers = TriggerQueuesInAzure();
        Assert.NotEmpty(constants);
        Assert.NotEmpty(triggers);

        var expected = constants.Union(triggers).SelectMany(queue => new[] { queue, queue + "-poison" });

        AssertSameNames(expected, BicepSource.Main.StringList("queueNames"));
        Assert.Contains("queueNames: queueNames", BicepSource.Main.Declaration("storage"), StringComparison.Ordinal);
    }

    [Fact]
    public void Queue_triggers_listen_on_the_queues_the_app_writes_to()
    {
        // The trigger names its queue with the storage prefix (%ComplaintFlow:Storage:NamePrefix%, empty in Azure);
        // resolved as the host resolves it, it must be the very queue the app's own queue client sends to.
        Assert.Equal(
            AppSource.NameConstants("QueueNames").Order(StringComparer.Ordinal),
            TriggerQueuesInAzure().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_table_the_app_uses_is_declared_in_Bicep()
    {
        var tables = AppSource.NameConstants("TableNames");
        Assert.NotEmpty(tables);

        AssertSameNames(tables, BicepSource.Main.StringList("tableNames"));
    }

    [Fact]
    public void Every_blob_container_the_app_uses_is_declared_in_Bicep()
    {
        var containers = AppSource.NameConstants("ContainerNames");
        Assert.NotEmpty(containers);

        AssertSameNames(containers, BicepSource.Main.StringList("containerNames"));
    }

    [Fact]
    public void The_deployment_container_is_created_on_Flex_Consumption_beside_the_app_containers()
    {
        var container = BicepSource.Main.StringVariable("deploymentContainerName");

        Assert.DoesNotContain(container, AppSource.NameConstants("ContainerNames"));
        Assert.Contains(
            "containerNames: hostingPlan == 'FlexConsumption' ? concat(containerNames, [deploymentContainerName]) : containerNames",
            BicepSource.Main.Declaration("storage"),
            StringComparison.Ordinal);
        Assert.Contains("deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainerName}'", BicepSource.Main.Text, StringComparison.Ordinal);
    }

    /// <summary>The queues of the queue triggers in functions.metadata, each %Setting% resolved with its Bicep app setting.</summary>
    private static HashSet<string> TriggerQueuesInAzure()
    {
        var settings = BicepAppSettings.Common;
        return AppSource.Functions()
            .SelectMany(function => function.Bindings)
            .Where(binding => binding.Type == "queueTrigger")
            .Select(binding => binding.Resolve("queueName", binding.SettingReferences().ToDictionary(
                name => name,
                name => BicepAppSettings.LiteralValue(settings, name),
                StringComparer.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Missing names break the app in Azure; extra names are left over from a rename.</summary>
    private static void AssertSameNames(IEnumerable<string> usedByApp, IEnumerable<string> declaredInBicep)
    {
        var used = usedByApp.ToHashSet(StringComparer.Ordinal);
        var declared = declaredInBicep.ToHashSet(StringComparer.Ordinal);
        Assert.Equal(
            (Missing: used.Except(declared).Order(StringComparer.Ordinal).ToArray(), Unused: Array.Empty<string>()),
            (Missing: Array.Empty<string>(), Unused: declared.Except(used).Order(StringComparer.Ordinal).ToArray()));
    }
}
