using System.Text.Json;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// The zip that is deployed has the layout Flex Consumption's one-deploy and zip deploy expect of a .NET isolated
/// worker: host.json, functions.metadata, worker.config.json, the worker assembly, extensions.json and .azurefunctions/
/// at the root. Runs scripts/package.sh once (a framework-dependent publish).
/// </summary>
public sealed class PackageLayoutTests(PublishedPackage package) : IClassFixture<PublishedPackage>
{
    [Fact]
    public void Host_json_at_the_root_is_the_standard_host_configuration()
    {
        FunctionAppLayout.AssertHostJson(package.Read("host.json"));
    }

    [Fact]
    public void Worker_config_at_the_root_names_the_worker_assembly_that_is_in_the_package()
    {
        var worker = FunctionAppLayout.AssertWorkerConfig(package.Read("worker.config.json"));

        Assert.NotNull(package.Zip.GetEntry(worker));
    }

    [Fact]
    public void Functions_metadata_at_the_root_lists_the_same_functions_as_the_build_output()
    {
        var packaged = FunctionMetadata.Parse(package.Read("functions.metadata")).Select(function => function.Name);
        var built = AppSource.Functions().Select(function => function.Name);

        Assert.Equal(built.Order(StringComparer.Ordinal), packaged.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_script_reports_how_many_functions_it_packaged()
    {
        Assert.Contains($"({AppSource.Functions().Count} functions, ", package.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_extensions_the_host_loads_are_in_the_package()
    {
        var hints = FunctionAppLayout.ExtensionHintPaths(package.Read("extensions.json"));

        Assert.NotEmpty(hints);
        Assert.All(hints, hint => Assert.NotNull(package.Zip.GetEntry(hint)));
        Assert.All(hints, hint => Assert.StartsWith(".azurefunctions/", hint, StringComparison.Ordinal));
    }

    [Fact]
    public void The_package_is_framework_dependent_on_dotnet_10()
    {
        // The platform runs the worker on its own .NET 10 (functionAppConfig.runtime): a self-contained build would
        // carry a second runtime, and a runtime identifier would tie it to one image.
        Assert.Null(package.Zip.GetEntry("libcoreclr.so"));
        using var runtimeConfig = JsonDocument.Parse(package.Read("ComplaintFlow.Functions.runtimeconfig.json"));
        var options = runtimeConfig.RootElement.GetProperty("runtimeOptions");
        Assert.False(options.TryGetProperty("includedFrameworks", out _));
        Assert.Equal("net10.0", options.GetProperty("tfm").GetString());
    }

    [Fact]
    public void No_function_json_is_in_the_package()
    {
        Assert.DoesNotContain(package.Zip.Entries, entry => entry.Name == "function.json");
    }

    [Fact]
    public void The_public_pages_ship_beside_the_worker()
    {
        Assert.NotNull(package.Zip.GetEntry("wwwroot/index.html"));
    }

    [Fact]
    public void Local_settings_never_ship()
    {
        Assert.DoesNotContain(package.Zip.Entries, entry => entry.Name.StartsWith("local.settings", StringComparison.OrdinalIgnoreCase));
    }
}
