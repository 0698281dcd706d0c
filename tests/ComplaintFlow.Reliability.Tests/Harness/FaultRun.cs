using System.Globalization;
using System.Text.Json;
using ComplaintFlow.Testing;
using Xunit.Abstractions;

namespace ComplaintFlow.Reliability.Tests.Harness;

/// <summary>
/// The size of a fault run. The short run (default, a few minutes on two loaded cores) is part of the test command;
/// <c>COMPLAINTFLOW_FAULTS=long</c> runs ten times the complaints and five times the faults.
/// <c>COMPLAINTFLOW_FAULTS_SEED</c> replays a run with another seed.
/// </summary>
public sealed record FaultRun(string Kind, int Seed, int Complaints, int Kills)
{
    public const int DefaultSeed = 20260901;

    public static FaultRun FromEnvironment()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("COMPLAINTFLOW_FAULTS_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        return string.Equals(Environment.GetEnvironmentVariable("COMPLAINTFLOW_FAULTS"), "long", StringComparison.OrdinalIgnoreCase)
            ? new FaultRun("long", seed, Complaints: 600, Kills: 100)
            : new FaultRun("short", seed, Complaints: 60, Kills: 20);
    }

    /// <summary>Where run reports and the app's logs go.</summary>
    public static string ReportFolder { get; } = Path.Combine(Azurite.RepositoryRoot(), "TestResults", "reliability");

    /// <summary>
    /// Prints the run's figures and the audit to the test output and writes the figures to
    /// <c>TestResults/reliability/&lt;name&gt;.json</c>.
    /// </summary>
    public static void Report(ITestOutputHelper output, string name, object figures, AuditReport audit)
    {
        Directory.CreateDirectory(ReportFolder);
        var path = Path.Combine(ReportFolder, name + ".json");
        var json = JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(path, json);
        output.WriteLine($"figures ({path}):\n{json}");
        output.WriteLine($"audit: {audit}");
        foreach (var duplicate in audit.Duplicates)
        {
            output.WriteLine($"duplicate acknowledgement: {duplicate.ComplaintId} x{duplicate.Copies}, sent at {string.Join(", ", duplicate.SentAt.Select(t => t.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)))}");
        }
    }
}
