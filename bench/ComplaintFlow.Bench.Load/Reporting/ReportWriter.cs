using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using ComplaintFlow.Bench.Load.Generation;
using ComplaintFlow.Bench.Load.Load;
using ComplaintFlow.Bench.Load.Measurement;
using ComplaintFlow.Bench.Load.Storage;

namespace ComplaintFlow.Bench.Load.Reporting;

/// <summary>
/// Writes <c>report.md</c> (for people), <c>results.csv</c> (one figure a row: section, metric, value, unit) and
/// <c>operations.csv</c> (storage requests by operation, pipeline and ceiling side by side).
/// </summary>
internal static class ReportWriter
{
    public const double CeilingTarget = 0.6;
    public const double AcknowledgeP95TargetMs = 2_000;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<string> WriteAsync(BenchResults results, CancellationToken cancellationToken)
    {
        var directory = results.Settings.OutputDirectory;
        Directory.CreateDirectory(directory);
        var rows = Rows(results).ToList();
        await File.WriteAllTextAsync(Path.Combine(directory, "results.csv"), Csv(["section", "metric", "value", "unit"], rows.Select(r => new[] { r.Section, r.Metric, Format(r.Value), r.Unit })), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "operations.csv"), Csv(["operation", "pipeline_per_complaint", "ceiling_per_complaint", "ceiling_count"], OperationRows(results)), cancellationToken);
        var report = Path.Combine(directory, "report.md");
        await File.WriteAllTextAsync(report, Markdown(results), cancellationToken);
        return report;
    }

    private sealed record Row(string Section, string Metric, double Value, string Unit);

    private static IEnumerable<Row> Rows(BenchResults results)
    {
        yield return new Row("machine", "cores", Environment.ProcessorCount, "cores");
        foreach (var phase in results.Phases)
        {
            var s = phase.Name;
            yield return new Row(s, "target rate", phase.Window.TargetRate ?? double.NaN, "complaints/s");
            yield return new Row(s, "concurrency", phase.Window.Concurrency, "requests");
            yield return new Row(s, "sent", phase.Window.Submissions.Count, "complaints");
            yield return new Row(s, "accepted", phase.Window.Accepted, "complaints");
            yield return new Row(s, "errors", phase.Errors.Values.Sum(), "requests");
            yield return new Row(s, "accepted per second", phase.Window.AcceptedPerSecond, "complaints/s");
            yield return new Row(s, "processed per second", phase.ProcessedPerSecond, "complaints/s");
            foreach (var (name, latency) in new[] { ("submit to 202", phase.Accept), ("submit to acknowledgement", phase.Acknowledge) })
            {
                yield return new Row(s, $"{name} p50", latency.P50, "ms");
                yield return new Row(s, $"{name} p95", latency.P95, "ms");
                yield return new Row(s, $"{name} p99", latency.P99, "ms");
            }

            yield return new Row(s, "storage operations per complaint", phase.WorkOperationsPerComplaint, "requests");
            yield return new Row(s, "empty queue polls", phase.Storage[StorageOperation.QueueReceiveEmpty], "requests");
            yield return new Row(s, "storage requests in flight (mean)", phase.StorageConcurrency, "requests");
            foreach (var usage in phase.Usage)
            {
                yield return new Row(s, $"{usage.Name} CPU", usage.CpuPercentOfOneCore, "% of one core");
                yield return new Row(s, $"{usage.Name} peak RSS", usage.PeakRssBytes / 1_048_576.0, "MiB");
                yield return new Row(s, $"{usage.Name} mean RSS", usage.MeanRssBytes / 1_048_576.0, "MiB");
            }
        }

        yield return new Row("ceiling", "concurrency", results.Ceiling.Concurrency, "workers");
        yield return new Row("ceiling", "operations per second", results.Ceiling.OperationsPerSecond, "requests/s");
        yield return new Row("ceiling", "complaint equivalents per second", results.Ceiling.ComplaintEquivalentsPerSecond, "complaints/s");
        yield return new Row("ceiling", "failures", results.Ceiling.Failures, "requests");
        for (var i = 0; i < results.CeilingRuns.Count; i++)
        {
            yield return new Row("ceiling", i == 0 ? "operations per second before the load" : "operations per second after the load", results.CeilingRuns[i].OperationsPerSecond, "requests/s");
        }
        if (results.CeilingRatio is { } ratio)
        {
            yield return new Row("ceiling", "pipeline share of ceiling", ratio, "ratio");
        }

        if (results.NoLoss is { } noLoss)
        {
            yield return new Row("no loss", "accepted", noLoss.Accepted, "complaints");
            yield return new Row("no loss", "complete", noLoss.Complete, "complaints");
            yield return new Row("no loss", "missing acknowledgement", noLoss.MissingAcknowledgement, "complaints");
            yield return new Row("no loss", "duplicate acknowledgement", noLoss.DuplicateAcknowledgement, "complaints");
            yield return new Row("no loss", "incomplete history", noLoss.IncompleteHistory, "complaints");
        }
    }

    private static IEnumerable<string[]> OperationRows(BenchResults results)
    {
        var pipeline = results.Phases.FirstOrDefault();
        var operations = Enum.GetValues<StorageOperation>()
            .Where(o => (pipeline?.Storage[o] ?? 0) > 0 || results.Ceiling.Counts[o] > 0);
        foreach (var operation in operations)
        {
            var perComplaint = pipeline is null ? double.NaN : (double)pipeline.Storage[operation] / Math.Max(1, pipeline.Window.Accepted);
            var ceilingComplaints = results.Ceiling.Counts.Work / Math.Max(1, results.Ceiling.Mix.Total);
            yield return
            [
                operation.Label,
                Format(perComplaint),
                Format(results.Ceiling.Counts[operation] / ceilingComplaints),
                results.Ceiling.Counts[operation].ToString(Invariant),
            ];
        }
    }

    private static string Markdown(BenchResults results)
    {
        var settings = results.Settings;
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"# ComplaintFlow benchmark report ({settings.Mode})").AppendLine();
        md.AppendLine(FormattableString.Invariant($"Run {results.StartedAt:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (load average before the run {results.LoadAverage}; {RuntimeInformation.OSDescription}, .NET {Environment.Version}), ")
            + FormattableString.Invariant($"commit {Environment.GetEnvironmentVariable("COMPLAINTFLOW_BENCH_COMMIT") ?? "unknown"}. ")
            + "The local Functions host, the storage proxy, the load generator and the provider fakes share one process; the worker runs as its child process; Azurite runs beside them in Node, in memory. "
            + "Figures are ratios measured in this one run, on this machine: compare runs by their ratios, not their absolute numbers.").AppendLine();

        Summary(md, results);
        if (results.Phases.Count > 0)
        {
            Load(md, results);
        }

        Operations(md, results);
        NoLoss(md, results);
        Components(md, settings);
        return md.ToString();
    }

    private static void Summary(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## Summary").AppendLine();
        md.AppendLine("| Measure | Result | Target |").AppendLine("| --- | --- | --- |");
        if (results.CeilingRatio is { } ratio)
        {
            md.AppendLine(Invariant, $"| Pipeline storage work ÷ raw storage ceiling, at maximum rate | **{ratio:0.00}** {Verdict(ratio >= CeilingTarget)} | ≥ {CeilingTarget:0.0} |");
        }

        if (results.Phases.FirstOrDefault(p => p.Window.TargetRate is not null) is { } fixedRate)
        {
            var p95 = fixedRate.Acknowledge.P95;
            md.AppendLine(Invariant, $"| p95 submit → acknowledgement at {fixedRate.Window.TargetRate:0.0}/s (half the maximum) | **{Ms(p95)}** {Verdict(p95 < AcknowledgeP95TargetMs)} | < {AcknowledgeP95TargetMs:0} ms |");
        }

        if (results.Phases.FirstOrDefault(p => p.Window.TargetRate is null) is { } max)
        {
            md.AppendLine(Invariant, $"| Maximum rate: accepted / fully processed | {max.Window.AcceptedPerSecond:0.0} / {max.ProcessedPerSecond:0.0} complaints/s | |");
        }

        md.AppendLine(Invariant, $"| Raw storage ceiling (same mix, {results.Ceiling.Concurrency} workers) | {results.Ceiling.OperationsPerSecond:0} operations/s = {results.Ceiling.ComplaintEquivalentsPerSecond:0.0} complaints/s | |");
        if (results.NoLoss is { } noLoss)
        {
            md.AppendLine(Invariant, $"| No loss: accepted complaints with exactly one acknowledgement and a complete history | **{noLoss.Complete} of {noLoss.Accepted}** {Verdict(noLoss.Passed)} | all |");
        }

        md.AppendLine();
    }

    private static void Load(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## End-to-end load").AppendLine();
        md.AppendLine("Complaints are posted over HTTP to the running app; a complaint is *fully processed* when its acknowledgement "
            + "email reaches the SendGrid fake (matched by the `complaintId` custom argument, or by recipient for inbound "
            + "emails). Latency counts from the moment a complaint was due to be sent, so queueing in the sender is included.").AppendLine();
        md.AppendLine("| | " + string.Join(" | ", results.Phases.Select(p => p.Name)) + " |");
        md.AppendLine("| --- |" + string.Concat(results.Phases.Select(_ => " --- |")));
        void Line(string label, Func<PhaseResult, string> value) =>
            md.AppendLine(Invariant, $"| {label} | {string.Join(" | ", results.Phases.Select(value))} |");
        Line("Senders", p => p.Window.TargetRate is { } r ? $"open loop at {r:0.0}/s (≤ {p.Window.Concurrency} in flight)" : $"{p.Window.Concurrency} closed loop");
        Line("Window", p => $"{p.Window.Elapsed.TotalSeconds:0.0} s sending, {p.ProcessingTime.TotalSeconds:0.0} s to last acknowledgement");
        Line("Sent / accepted", p => $"{p.Window.Submissions.Count} / {p.Window.Accepted}");
        Line("Errors", p => p.Errors.Count == 0 ? "none" : string.Join(", ", p.Errors.Select(e => $"{e.Key}: {e.Value}")));
        Line("Accepted per second", p => $"{p.Window.AcceptedPerSecond:0.0}");
        Line("Fully processed per second", p => $"{p.ProcessedPerSecond:0.0} ({p.Acknowledged} of {p.ExpectingEmail} acknowledged{(p.Drained ? string.Empty : ", NOT drained")})");
        Line("Submit → 202 p50 / p95 / p99", p => Percentiles(p.Accept));
        Line("Submit → acknowledgement p50 / p95 / p99", p => Percentiles(p.Acknowledge));
        Line("Storage operations per complaint", p => $"{p.WorkOperationsPerComplaint:0.0} (+ {p.Storage[StorageOperation.QueueReceiveEmpty]} empty polls)");
        Line("Storage requests in flight (mean)", p => $"{p.StorageConcurrency:0.0}");
        for (var i = 0; i < (results.Phases[0].Usage.Count); i++)
        {
            var index = i;
            Line($"{results.Phases[0].Usage[index].Name}: CPU, peak RSS", p => Usage(p.Usage[index]));
        }

        // CPU time per complaint does not depend on how busy the machine was, so runs compare on it where rates cannot.
        for (var i = 0; i < (results.Phases[0].Usage.Count); i++)
        {
            var index = i;
            Line($"{results.Phases[0].Usage[index].Name}: CPU time per accepted complaint", p => CpuPerComplaint(p.Usage[index], p.Window.Accepted));
        }

        md.AppendLine().AppendLine(Invariant, $"CPU is a share of one core; the machine has {Environment.ProcessorCount}.").AppendLine();
        var submissions = results.AllSubmissions;
        md.AppendLine("### Traffic").AppendLine();
        md.AppendLine(FormattableString.Invariant($"Seed {results.Settings.Seed}. Routes: {Breakdown(submissions, s => s.Complaint.Route.ToString())}. ")
            + FormattableString.Invariant($"Languages: {Breakdown(submissions, s => s.Complaint.Language)}. ")
            + FormattableString.Invariant($"Text size: {Quantiles(submissions.Select(s => (double)s.Complaint.TextBytes))} bytes (p5 / p50 / p95).")).AppendLine();
        foreach (var (path, status) in results.Webhooks)
        {
            md.AppendLine(Invariant, $"- `{path}`: {status}");
        }

        md.AppendLine();
    }

    private static void Operations(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## Storage: the pipeline against the ceiling").AppendLine();
        var ceiling = results.Ceiling;
        md.AppendLine(FormattableString.Invariant($"Operation mix {ceiling.Mix.Source}. Every request to Azurite is counted by the proxy in front of it ")
            + "(the worker's clients, the host's queue triggers and the ceiling's own clients alike; retries count). Empty queue polls and setup are shown but not counted as work. "
            + FormattableString.Invariant($"The ceiling replays the same mix per complaint, with the same payload sizes, through the Azure SDK from {ceiling.Concurrency} ")
            + FormattableString.Invariant($"workers (the load's concurrency, or the pipeline's mean storage requests in flight if higher) against the same Azurite, for {ceiling.Elapsed.TotalSeconds:0.0} s: ")
            + FormattableString.Invariant($"{ceiling.Counts.Work} operations, {ceiling.OperationsPerSecond:0} per second, {ceiling.Failures} failed.")).AppendLine();
        foreach (var run in results.CeilingRuns)
        {
            md.AppendLine(FormattableString.Invariant($"- ceiling with the mix {run.Mix.Source}, {run.Concurrency} workers: {run.OperationsPerSecond:0} operations/s{(run == ceiling ? " (the higher, used below)" : string.Empty)}"));
        }

        if (results.CeilingRuns.Count > 0)
        {
            md.AppendLine();
        }

        md.AppendLine("| Operation | Pipeline, per complaint | Ceiling, per complaint | Ceiling, count |").AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var row in OperationRows(results))
        {
            md.AppendLine(Invariant, $"| {row[0]} | {row[1]} | {row[2]} | {row[3]} |");
        }

        md.AppendLine();
        if (results.Phases.FirstOrDefault(p => p.Window.TargetRate is null) is { } max && results.CeilingRatio is { } ratio)
        {
            var complaintsPerSecond = max.Window.Accepted / max.ProcessingTime.TotalSeconds;
            md.AppendLine(FormattableString.Invariant($"Ratio = operations per complaint × complaints/s ÷ raw operations/s = {max.WorkOperationsPerComplaint:0.0} × ")
                + FormattableString.Invariant($"{complaintsPerSecond:0.0} ÷ {ceiling.OperationsPerSecond:0} = **{ratio:0.00}** ")
                + "(complaints/s here is every accepted complaint over the time to the last acknowledgement).").AppendLine();
        }
    }

    private static void NoLoss(StringBuilder md, BenchResults results)
    {
        if (results.NoLoss is not { } noLoss)
        {
            return;
        }

        md.AppendLine("## No loss").AppendLine();
        md.AppendLine(FormattableString.Invariant($"Every accepted complaint of the run (probes, warm-up and both windows: {noLoss.Accepted}) was checked: its history ")
            + "must read received, scored, notified, and exactly one acknowledgement must have been sent (email at the SendGrid fake; "
            + "SMS from its notified event).").AppendLine();
        md.AppendLine(Invariant, $"- complete: **{noLoss.Complete}**");
        md.AppendLine(FormattableString.Invariant($"- missing acknowledgement: {noLoss.MissingAcknowledgement}; duplicate acknowledgement: {noLoss.DuplicateAcknowledgement}; ")
            + FormattableString.Invariant($"incomplete history: {noLoss.IncompleteHistory}; no id found: {noLoss.Unidentified}"));
        foreach (var problem in noLoss.Problems)
        {
            md.AppendLine(Invariant, $"  - {problem}");
        }

        md.AppendLine();
    }

    private static void Components(StringBuilder md, BenchSettings settings)
    {
        md.AppendLine("## Components").AppendLine();
        var directory = settings.ComponentsDirectory;
        var reports = directory is not null && Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        if (reports.Count == 0)
        {
            md.AppendLine("No component benchmark reports in this run (the triage analyzer and overdue-query benchmarks run from `bench/run.sh` when their projects exist).").AppendLine();
            return;
        }

        foreach (var report in reports)
        {
            md.AppendLine(Invariant, $"### {Path.GetRelativePath(directory!, report)}").AppendLine();
            md.AppendLine(File.ReadAllText(report).Trim()).AppendLine();
        }
    }

    private static string Verdict(bool met) => met ? "(met)" : "(NOT met)";

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString("0", Invariant) + " ms";

    private static string Percentiles(Latency l) => l.Count == 0 ? "n/a" : $"{Ms(l.P50)} / {Ms(l.P95)} / {Ms(l.P99)}";

    private static string Usage(ProcessUsage u) =>
        double.IsNaN(u.CpuPercentOfOneCore) ? "not measured" : $"{u.CpuPercentOfOneCore:0} %, {u.PeakRssBytes / 1_048_576.0:0} MiB";

    private static string CpuPerComplaint(ProcessUsage u, int accepted) =>
        double.IsNaN(u.CpuPercentOfOneCore) || accepted == 0 ? "not measured" : $"{u.CpuTime.TotalMilliseconds / accepted:0.0} ms";

    private static string Breakdown(IReadOnlyList<Submission> submissions, Func<Submission, string> key) =>
        string.Join(", ", submissions.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));

    private static string Quantiles(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? "n/a" : string.Join(" / ", new[] { 0.05, 0.5, 0.95 }.Select(q => sorted[(int)(q * (sorted.Length - 1))].ToString("0", Invariant)));
    }

    private static string Format(double value) => double.IsNaN(value) ? string.Empty : value.ToString("0.###", Invariant);

    private static string Csv(string[] header, IEnumerable<string[]> rows)
    {
        var csv = new StringBuilder().AppendLine(string.Join(',', header));
        foreach (var row in rows)
        {
            csv.AppendLine(string.Join(',', row.Select(Quote)));
        }

        return csv.ToString();
    }

    private static string Quote(string field) =>
        field.Contains(',', StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal) ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
