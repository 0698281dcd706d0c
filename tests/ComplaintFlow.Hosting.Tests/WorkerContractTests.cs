using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Hosting.Tests;

/// <summary>
/// The host was written against these worker packages and this protocol file. An upgrade of either must fail here
/// first, so that whoever upgrades checks the protocol (a new proto version, new capabilities) before the app relies on it.
/// </summary>
public sealed class WorkerContractTests
{
    [Theory]
    [InlineData("Microsoft.Azure.Functions.Worker", "2.52.0")]
    [InlineData("Microsoft.Azure.Functions.Worker.Sdk", "2.1.0")]
    public void Worker_packages_are_pinned_centrally(string package, string version)
    {
        var props = XDocument.Load(Path.Combine(Azurite.RepositoryRoot(), "Directory.Packages.props"));
        var pinned = props.Descendants("PackageVersion").Single(p => (string?)p.Attribute("Include") == package);
        Assert.Equal(version, (string?)pinned.Attribute("Version"));
    }

    [Theory]
    [InlineData("Microsoft.Azure.Functions.Worker", "2.52.0")]
    [InlineData("Microsoft.Azure.Functions.Worker.Grpc", "2.52.0")]
    public void The_built_worker_runs_the_pinned_worker_and_grpc_packages(string package, string version)
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestWorkerHost.ScriptRoot, "ComplaintFlow.Hosting.TestWorker.deps.json")));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name).ToList();
        Assert.Contains($"{package}/{version}", libraries);
    }

    [Fact]
    public void Vendored_proto_is_v1_10_0_unchanged()
    {
        var protos = Path.Combine(Azurite.RepositoryRoot(), "shared", "ComplaintFlow.Hosting", "Protos");
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(protos, "FunctionRpc.proto"))));
        Assert.Equal(ExpectedProtoHash, hash);
        Assert.Contains("v1.10.0-protofile", File.ReadAllText(Path.Combine(protos, "README.md")), StringComparison.Ordinal);
    }

    /// <summary>SHA-256 of FunctionRpc.proto at Azure/azure-functions-language-worker-protobuf tag v1.10.0-protofile.</summary>
    private const string ExpectedProtoHash = "476B8C25EEF51F1A9F6EF79FE7237888492C7422AF5897F24BD52C9F4C16A7DF";
}
