namespace ComplaintFlow.Deploy.Tests;

/// <summary>Every queue, table and container the app touches exists in Azure: Bicep creates them, the app does not.</summary>
public sealed class StorageDeclarationTests
{
    [Fact]
    public void Every_queue_the_app_uses_is_declared_in_Bicep_with_its_poison_queue()
    {
        var constants = AppSource.NameConstants("QueueNames");
        var triggers = AppSource.TriggerQueues();
        Assert.NotEmpty(constants);
        Assert.NotEmpty(triggers);

        var expected = constants.Union(triggers).SelectMany(queue => new[] { queue, queue + "-poison" });

        AssertSameNames(expected, BicepSource.Main.StringList("queueNames"));
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
