using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Hosting;

/// <summary>
/// <c>dotnet ComplaintFlow.Hosting.dll --script-root &lt;dir&gt; [--settings local.settings.json] [--urls http://localhost:7071]</c>:
/// runs a worker's build output as <c>func start</c> would, until Ctrl-C or SIGTERM.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        string? scriptRoot = null, settingsFile = null, urls = "http://localhost:7071";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--script-root": scriptRoot = value; i++; break;
                case "--settings": settingsFile = value; i++; break;
                case "--urls": urls = value ?? urls; i++; break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument {args[i]}.");
                    return Usage();
            }
        }

        if (scriptRoot is null)
        {
            return Usage();
        }

        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        LocalFunctionsHost host;
        try
        {
            host = await LocalFunctionsHost.StartAsync(new FunctionsHostOptions
            {
                ScriptRoot = scriptRoot,
                Urls = urls,
                Settings = settingsFile is null ? new Dictionary<string, string?>() : ReadLocalSettings(settingsFile),
            }, loggers, stop.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }

        await using (host)
        {
            Console.WriteLine($"Listening on {host.Address}");
            foreach (var function in host.Functions)
            {
                Console.WriteLine($"  {function}");
            }

            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop the worker and leave.
            }
        }

        return 0;
    }

    /// <summary>local.settings.json's <c>Values</c>, as <c>func start</c> reads them: a variable already set in the environment wins.</summary>
    private static Dictionary<string, string?> ReadLocalSettings(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var values))
        {
            foreach (var value in values.EnumerateObject())
            {
                var fromEnvironment = Environment.GetEnvironmentVariable(value.Name) ?? Environment.GetEnvironmentVariable(value.Name.Replace(":", "__", StringComparison.Ordinal));
                if (fromEnvironment is null)
                {
                    settings[value.Name] = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
                }
            }
        }

        return settings;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("Usage: dotnet ComplaintFlow.Hosting.dll --script-root <worker build output> [--settings <local.settings.json>] [--urls http://localhost:7071]");
        return 2;
    }
}
