using System.Globalization;
using System.Text;
using ComplaintFlow.Bench.Load.Generation;
using ComplaintFlow.Bench.Load.Measurement;
using ComplaintFlow.Bench.Load.Storage;

namespace ComplaintFlow.Bench.Load.Storm;

/// <summary>The storm's figures, computed once from a run's results, for the CSV, the summary and the exit code.</summary>
internal sealed record StormFigures
{
    public required int Sent { get; init; }
    public required int Accepted { get; init; }
    public required int Acknowledged { get; init; }
    public required int WithRecord { get; init; }
    public required int Lost { get; init; }

    /// <summary>Sends that got no answer in time (or an error) but were recorded all the same.</summary>
    public required int RecordedWithoutAnswer { get; init; }
    public required int Unacknowledged { get; init; }
    public required int DuplicateAcknowledgements { get; init; }
    public required IReadOnlyDictionary<string, int> Errors { get; init; }
    public required Latency Before { get; init; }
    public required Latency During { get; init; }
    public required Latency After { get; init; }

    /// <summary>From the burst's start to when the queues were first empty with every burst complaint acknowledged.</summary>
    public required TimeSpan? DrainedAfterStart { get; init; }
    public required long PeakQueued { get; init; }
    public required long PoisonMessages { get; init; }
    public required double OperationsPerComplaint { get; init; }

    /// <summary>Null when there is no incidents API (or it refused the storm's incidents).</summary>
    public required double? Precision { get; init; }
    public required double? Recall { get; init; }
    public required int Linked { get; init; }
    public required int LinkedCorrectly { get; init; }
    public required int AboutAnIncident { get; init; }

    public static StormFigures Of(StormResults results)
    {
        var settings = results.Settings;
        var accepted = results.Outcomes.Where(o => o.Submission.Accepted).ToList();
        Latency LatencyOf(Func<StormOutcome, bool> window) =>
            Latency.Of(accepted.Where(window).Where(o => o.SubmitToAcknowledgement is not null).Select(o => o.SubmitToAcknowledgement!.Value));

        var burst = accepted.Where(o => o.Storm.Kind == StormKind.Incident).ToList();
        var lastBurstAcknowledgement = burst.Count > 0 && burst.All(o => o.FirstAcknowledgementAt is not null)
            ? burst.Max(o => o.FirstAcknowledgementAt!.Value)
            : (DateTimeOffset?)null;
        TimeSpan? drained = null;
        if (lastBurstAcknowledgement is { } last && burst.Count > 0)
        {
            var burstStartAt = burst[0].Submission.SubmittedAt - burst[0].Offset;
            var lastOffset = last - burstStartAt;
            drained = results.Queues.Where(q => q.Offset >= lastOffset && q.Messages == 0).Select(q => (TimeSpan?)q.Offset).FirstOrDefault();
        }

        double? precision = null, recall = null;
        int linked = 0, correct = 0;
        if (results.Incidents.Available)
        {
            linked = accepted.Count(o => o.LinkedIncidentId is not null);
            correct = accepted.Count(o => o.LinkedIncidentId is not null && o.Storm.Incident is { } truth
                && results.Incidents.Ids.GetValueOrDefault(truth.Key) == o.LinkedIncidentId);
            precision = linked == 0 ? 0 : (double)correct / linked;
            recall = burst.Count == 0 ? 0 : (double)correct / burst.Count;
        }

        return new StormFigures
        {
            Sent = results.Outcomes.Count,
            Accepted = accepted.Count,
            Acknowledged = accepted.Count(o => o.Acknowledgements > 0),
            WithRecord = accepted.Count(o => o.HasRecord),
            Lost = accepted.Count(o => !o.HasRecord),
            RecordedWithoutAnswer = results.Outcomes.Count(o => !o.Submission.Accepted && o.HasRecord),
            Unacknowledged = accepted.Count(o => o.Acknowledgements == 0),
            DuplicateAcknowledgements = results.Outcomes.Count(o => (o.Submission.Accepted || o.HasRecord) && o.Acknowledgements > 1),
            Errors = results.Outcomes.Where(o => !o.Submission.Accepted)
                .GroupBy(o => o.Submission.Error ?? $"HTTP {o.Submission.Status.ToString(CultureInfo.InvariantCulture)}")
                .ToDictionary(g => g.Key, g => g.Count()),
            Before = LatencyOf(o => o.Offset < TimeSpan.Zero),
            During = LatencyOf(o => o.Offset >= TimeSpan.Zero && o.Offset < settings.Duration),
            After = LatencyOf(o => o.Offset >= settings.Duration),
            DrainedAfterStart = drained,
            PeakQueued = results.Queues.Count > 0 ? results.Queues.Max(q => q.Messages) : 0,
            PoisonMessages = results.Queues.Count > 0 ? results.Queues[^1].Poison : 0,
            // Per complaint the app recorded, answered in time or not: every one of them cost storage work.
            OperationsPerComplaint = (double)results.Storage.Work / Math.Max(1, results.Outcomes.Count(o => o.Submission.Accepted || o.HasRecord)),
            Precision = precision,
            Recall = recall,
            Linked = linked,
            LinkedCorrectly = correct,
            AboutAnIncident = burst.Count,
        };
    }

    /// <summary>A lost complaint or a second acknowledgement fails the run; so does a run that accepted nothing.</summary>
    public IReadOnlyList<string> Problems()
    {
        List<string> problems = [];
        if (Accepted == 0)
        {
            problems.Add("the app accepted no complaint");
        }

        if (Lost > 0)
        {
            problems.Add($"{Lost} accepted complaint(s) have no record");
        }

        if (Unacknowledged > 0)
        {
            problems.Add($"{Unacknowledged} accepted complaint(s) were never acknowledged");
        }

        if (DuplicateAcknowledgements > 0)
        {
            problems.Add($"{DuplicateAcknowledgements} complaint(s) were acknowledged more than once");
        }

        return problems;
    }
}

/// <summary>Writes <c>storm.csv</c> (section, metric, value, unit), <c>storm-operations.csv</c>, <c>storm-complaints.csv</c> and <c>storm.md</c>.</summary>
internal static class StormReport
{
    public static async Task<string> WriteAsync(StormResults results, StormFigures figures, CancellationToken cancellationToken)
    {
        var directory = results.Settings.OutputDirectory;
        Directory.CreateDirectory(directory);
        var summary = Summary(results, figures);
        await File.WriteAllTextAsync(Path.Combine(directory, "storm.csv"), Csv(["section", "metric", "value", "unit"], Rows(results, figures)), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "storm-operations.csv"), Csv(
            ["operation", "count", "per_complaint"],
            results.Storage.Counts.Where(p => p.Key.IsWork && p.Value > 0).OrderByDescending(p => p.Value)
                .Select(p => new[] { p.Key.Label, N(p.Value), N((double)p.Value / Math.Max(1, figures.Accepted + figures.RecordedWithoutAnswer)) })), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "storm-complaints.csv"), Csv(
            ["due_s", "route", "language", "kind", "truth", "status", "complaint_id", "record", "acknowledgements", "submit_to_ack_ms", "linked_incident", "phone", "place", "text"],
            results.Outcomes.Select(o => new[]
            {
                N(o.Offset.TotalSeconds), o.Submission.Complaint.Route.ToString(), o.Submission.Complaint.Language, o.Storm.Kind.ToString(),
                o.Storm.Incident?.Key ?? string.Empty, o.Submission.Error ?? N(o.Submission.Status), o.ComplaintId ?? string.Empty,
                o.HasRecord ? "yes" : "no", N(o.Acknowledgements), o.SubmitToAcknowledgement is { } l ? N(l.TotalMilliseconds) : string.Empty,
                o.LinkedIncidentId ?? string.Empty, o.Submission.Complaint.Phone ?? string.Empty, o.Submission.Complaint.Place ?? string.Empty,
                o.Submission.Complaint.Text,
            })), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "storm.md"), Markdown(results, figures, summary), cancellationToken);
        return summary;
    }

    public static string Summary(StormResults results, StormFigures f)
    {
        var linking = f.Precision is { } p && f.Recall is { } r ? $"precision {p:0.000}, recall {r:0.000}" : $"n/a ({results.Incidents.Unavailable})";
        var drained = f.DrainedAfterStart is { } d ? $"{d.TotalSeconds:0} s after the burst began" : "not drained";
        return string.Create(CultureInfo.InvariantCulture,
            $"storm: sent {f.Sent}, accepted {f.Accepted} (+{f.RecordedWithoutAnswer} recorded without an answer in time), acknowledged {f.Acknowledged}, lost {f.Lost}, duplicate acks {f.DuplicateAcknowledgements}; " +
            $"backlog drained {drained} (peak {f.PeakQueued} queued); p95 submit->ack during {Ms(f.During.P95)}, after {Ms(f.After.P95)}; " +
            $"{f.OperationsPerComplaint:0.0} storage ops/complaint; linking {linking}; load average before {results.LoadAverage}");
    }

    private static IEnumerable<string[]> Rows(StormResults results, StormFigures f)
    {
        var s = results.Settings;
        string[] Row(string section, string metric, string value, string unit) => [section, metric, value, unit];
        yield return Row("run", "mode", s.Mode, string.Empty);
        yield return Row("run", "commit", Environment.GetEnvironmentVariable("COMPLAINTFLOW_BENCH_COMMIT") ?? "unknown", string.Empty);
        yield return Row("run", "started", results.StartedAt.ToString("O", CultureInfo.InvariantCulture), string.Empty);
        yield return Row("run", "load average before", results.LoadAverage, "1/5/15 min");
        yield return Row("run", "seed", N(s.Seed), string.Empty);
        yield return Row("run", "mix", s.Mix.ToString(), string.Empty);
        yield return Row("run", "incident complaints", N(s.Count), "complaints");
        yield return Row("run", "burst", N(s.Duration.TotalSeconds), "s");
        yield return Row("run", "background rate", N(s.BackgroundRate), "complaints/s");
        yield return Row("run", "sending time from burst start", N(results.SendingTime.TotalSeconds), "s");
        yield return Row("intake", "sent", N(f.Sent), "complaints");
        yield return Row("intake", "accepted", N(f.Accepted), "complaints");
        foreach (var (error, count) in f.Errors)
        {
            yield return Row("intake", $"refused: {error}", N(count), "complaints");
        }

        foreach (var route in Enum.GetValues<InboundRoute>())
        {
            yield return Row("intake", $"accepted via {route}", N(results.Outcomes.Count(o => o.Submission.Accepted && o.Submission.Complaint.Route == route)), "complaints");
        }

        yield return Row("intake", "no answer in time but recorded", N(f.RecordedWithoutAnswer), "complaints");
        yield return Row("no loss", "acknowledged", N(f.Acknowledged), "complaints");
        yield return Row("no loss", "with a record", N(f.WithRecord), "complaints");
        yield return Row("no loss", "lost (accepted, no record)", N(f.Lost), "complaints");
        yield return Row("no loss", "never acknowledged", N(f.Unacknowledged), "complaints");
        yield return Row("no loss", "acknowledged more than once (any recorded)", N(f.DuplicateAcknowledgements), "complaints");
        yield return Row("backlog", "drained, from burst start", f.DrainedAfterStart is { } d ? N(d.TotalSeconds) : "not drained", "s");
        yield return Row("backlog", "drained, from burst end", f.DrainedAfterStart is { } e ? N((e - s.Duration).TotalSeconds) : "not drained", "s");
        yield return Row("backlog", "peak messages queued", N(f.PeakQueued), "messages");
        yield return Row("backlog", "poison messages at the end", N(f.PoisonMessages), "messages");
        foreach (var (window, latency) in new[] { ("before the burst", f.Before), ("during the burst", f.During), ("after the burst", f.After) })
        {
            yield return Row($"submit to acknowledgement, {window}", "count", N(latency.Count), "complaints");
            yield return Row($"submit to acknowledgement, {window}", "p50", N(latency.P50), "ms");
            yield return Row($"submit to acknowledgement, {window}", "p95", N(latency.P95), "ms");
            yield return Row($"submit to acknowledgement, {window}", "p99", N(latency.P99), "ms");
        }

        yield return Row("storage", "operations per complaint", N(f.OperationsPerComplaint), "requests");
        var linking = results.Incidents.Unavailable is { } why ? $"n/a ({why})" : null;
        yield return Row("incident linking", "complaints about an incident", N(f.AboutAnIncident), "complaints");
        yield return Row("incident linking", "linked to an incident", linking ?? N(f.Linked), "complaints");
        yield return Row("incident linking", "linked to the right incident", linking ?? N(f.LinkedCorrectly), "complaints");
        yield return Row("incident linking", "precision", linking ?? N(f.Precision!.Value), "ratio");
        yield return Row("incident linking", "recall", linking ?? N(f.Recall!.Value), "ratio");
    }

    private static string Markdown(StormResults results, StormFigures f, string summary)
    {
        var text = new StringBuilder("# Storm\n\n").Append(summary).Append("\n\n");
        text.Append("| Section | Metric | Value | Unit |\n| --- | --- | ---: | --- |\n");
        foreach (var row in Rows(results, f))
        {
            text.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
        }

        foreach (var problem in f.Problems())
        {
            text.Append("\n**Problem:** ").Append(problem).Append('\n');
        }

        return text.ToString();
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms");

    private static string N(double value) => double.IsNaN(value) ? string.Empty : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

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
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 || (field.Length > 0 && field[0] is '=' or '+' or '-' or '@')
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}
