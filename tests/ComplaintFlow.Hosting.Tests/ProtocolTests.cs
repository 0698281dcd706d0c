namespace ComplaintFlow.Hosting.Tests;

/// <summary>The host speaks the host-worker protocol to the unmodified worker: init, metadata, load, then invocations.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class ProtocolTests(SharedHostFixture fixture)
{
    [Fact]
    public void Start_returns_after_the_worker_is_initialised_indexed_and_loaded_over_grpc()
    {
        var host = fixture.Worker.Host;
        Assert.Equal(
            ["Boom", "Crash", "CreateItem", "Echo", "EchoLiteral", "FailAlways", "FailOnce", "Files", "Record", "Slow", "Tick"],
            host.Functions.Order(StringComparer.Ordinal));
        Assert.True(host.WorkerProcessId > 0);
        Assert.Equal(1, host.WorkerStarts);

        var steps = fixture.Worker.Logs.Entries.Select(e => e.Message).ToList();
        int Step(string text) => steps.FindIndex(m => m.Contains(text, StringComparison.Ordinal));
        Assert.True(Step("opened its gRPC stream") >= 0);
        Assert.True(Step("initialised: version 2.52.0") > Step("opened its gRPC stream"));
        Assert.True(Step("indexed 11 functions (metadata from the worker)") > Step("initialised"));
        Assert.True(Step("loaded 11 functions") > Step("indexed"));
        Assert.True(Step("Functions host listening on") > Step("loaded 11 functions"));
    }
}
