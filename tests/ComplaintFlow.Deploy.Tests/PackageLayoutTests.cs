using System.IO.Compression;
using System.Text.Json;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// The zip that is deployed has the custom-handler layout the Functions host expects: host.json at the root naming an
/// executable in the zip, one folder per function with its function.json. Runs scripts/package.sh once (a
/// self-contained publish: about a minute).
/// </summary>
public sealed class PackageLayoutTests(PublishedPackage package) : IClassFixture<PublishedPackage>
{
    private const int UnixOwnerExecute = 0x40;

    [Fact]
    public void Host_json_at_the_root_names_an_executable_that_is_in_the_package()
    {
        using var host = JsonDocument.Parse(package.Read("host.json"));
        var description = host.RootElement.GetProperty("customHandler").GetProperty("description");
        var executable = description.GetProperty("defaultExecutablePath").GetString()!;

        var entry = package.Zip.GetEntry(executable);

        Assert.NotNull(entry);
        Assert.NotEqual(0, (entry.ExternalAttributes >> 16) & UnixOwnerExecute);
    }

    [Fact]
    public void Every_function_in_the_source_has_its_folder_with_the_same_function_json()
    {
        var functions = AppSource.FunctionJsonFiles();
        Assert.NotEmpty(functions);

        foreach (var (name, path) in functions)
        {
            Assert.Equal(File.ReadAllText(path), package.Read($"{name}/function.json"));
        }

        var packaged = package.Zip.Entries.Where(entry => entry.Name == "function.json").Select(entry => entry.FullName);
        Assert.Equal(functions.Keys.Select(name => $"{name}/function.json").Order(StringComparer.Ordinal), packaged.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_package_carries_its_own_dotnet_runtime_for_linux_x64()
    {
        Assert.NotNull(package.Zip.GetEntry("libcoreclr.so"));
        using var runtimeConfig = JsonDocument.Parse(package.Read("ComplaintFlow.Functions.runtimeconfig.json"));
        Assert.True(runtimeConfig.RootElement.GetProperty("runtimeOptions").TryGetProperty("includedFrameworks", out _));
    }

    [Fact]
    public void The_public_pages_ship_beside_the_executable()
    {
        Assert.NotNull(package.Zip.GetEntry("wwwroot/index.html"));
    }

    [Fact]
    public void Local_settings_never_ship()
    {
        Assert.DoesNotContain(package.Zip.Entries, entry => entry.Name.StartsWith("local.settings", StringComparison.OrdinalIgnoreCase));
    }
}
