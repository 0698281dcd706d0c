namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// The function app's build output is a folder the Functions host can start as it is (<c>func start</c> where Core
/// Tools exist, the local host in tests): host.json, functions.metadata, worker.config.json and the extensions.
/// </summary>
public sealed class BuildOutputTests
{
    [Fact]
    public void Host_json_is_the_standard_host_configuration()
    {
        FunctionAppLayout.AssertHostJson(File.ReadAllText(AppSource.PathInBuildOutput("host.json")));
    }

    [Fact]
    public void Worker_config_names_the_worker_assembly_that_is_in_the_build_output()
    {
        var worker = FunctionAppLayout.AssertWorkerConfig(File.ReadAllText(AppSource.PathInBuildOutput("worker.config.json")));

        Assert.True(File.Exists(Path.Combine(AppSource.BuildOutput, worker)), $"{worker} is not in {AppSource.BuildOutput}.");
    }

    [Fact]
    public void Functions_metadata_lists_the_functions_of_the_worker_assembly()
    {
        var functions = AppSource.Functions();

        Assert.NotEmpty(functions);
        Assert.All(functions, function => Assert.Equal(FunctionAppLayout.WorkerAssembly, function.ScriptFile));
        Assert.Equal(functions.Count, functions.Select(function => function.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_host_finds_the_queue_extension_it_needs_for_the_queue_triggers()
    {
        var hints = FunctionAppLayout.ExtensionHintPaths(File.ReadAllText(AppSource.PathInBuildOutput("extensions.json")));

        Assert.Contains(hints, hint => hint.EndsWith("Microsoft.Azure.WebJobs.Extensions.Storage.Queues.dll", StringComparison.Ordinal));
        Assert.All(hints, hint => Assert.True(File.Exists(Path.Combine(AppSource.BuildOutput, hint)), $"{hint} is not in {AppSource.BuildOutput}."));
    }

    [Fact]
    public void No_function_json_is_left_from_the_custom_handler()
    {
        var leftOver = Directory.EnumerateFiles(Repository.PathOf("functions"), "function.json", SearchOption.AllDirectories);

        Assert.Empty(leftOver);
    }
}
