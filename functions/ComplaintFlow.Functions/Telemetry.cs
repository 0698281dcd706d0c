using System.Diagnostics;
using System.Diagnostics.Metrics;
using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Functions;

/// <summary>One trace per complaint across queue hops, and the pipeline's counters. Tags never carry personal data.</summary>
public static class Telemetry
{
    public const string Name = "ComplaintFlow";
    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Received = Meter.CreateCounter<long>("complaintflow.received", description: "Complaints recorded, by channel.");
    public static readonly Counter<long> Triaged = Meter.CreateCounter<long>("complaintflow.triaged", description: "Complaints scored.");
    public static readonly Counter<long> Escalated = Meter.CreateCounter<long>("complaintflow.escalated", description: "Deadline escalations by the SLA sweep.");
    public static readonly Counter<long> Notified = Meter.CreateCounter<long>("complaintflow.notified", description: "Notices sent, by kind and channel.");
    public static readonly Counter<long> DeliveryReports = Meter.CreateCounter<long>("complaintflow.delivery_reports", description: "Provider delivery reports recorded on a notice, by provider.");
    public static readonly Counter<long> Poisoned = Meter.CreateCounter<long>("complaintflow.poisoned", description: "Queue messages given up on and parked in a poison queue, by queue.");

    /// <summary>Names of the pipeline health gauges; the on-call alert rules in infra-bicep/modules/monitoring.bicep query them.</summary>
    public const string QueueOldestAgeMetric = "complaintflow.queue.oldest_age";
    public const string QueueLengthMetric = "complaintflow.queue.length";
    public const string OverdueMetric = "complaintflow.deadlines.overdue";

    private static PipelineHealthReading? _health;

    public static readonly ObservableGauge<double> QueueOldestAge = Meter.CreateObservableGauge(
        QueueOldestAgeMetric, () => QueueMeasurements(q => q.OldestAgeSeconds), unit: "s",
        description: "Seconds the oldest visible message has waited, by queue (stage queues and their poison queues).");

    public static readonly ObservableGauge<double> QueueLength = Meter.CreateObservableGauge(
        QueueLengthMetric, () => QueueMeasurements(q => q.Messages),
        description: "Approximate messages on each queue, including those being worked on; any on a -poison queue needs a person.");

    public static readonly ObservableGauge<long> Overdue = Meter.CreateObservableGauge(
        OverdueMetric, () => _health is { } h ? [new Measurement<long>(h.OverdueComplaints)] : Array.Empty<Measurement<long>>(),
        description: "Open complaints with a running clock past due.");

    /// <summary>The latest pipeline health reading, reported by the gauges until the next one.</summary>
    public static void Record(PipelineHealthReading reading) => _health = reading;

    private static IEnumerable<Measurement<double>> QueueMeasurements(Func<QueueHealth, double> value) =>
        _health is { } h ? h.Queues.Select(q => new Measurement<double>(value(q), new KeyValuePair<string, object?>("queue", q.Queue))) : [];

    /// <summary>Starts the span of a queue-triggered function as a child of the trace that enqueued the work.</summary>
    public static Activity? StartConsumer(string function, string? traceParent)
    {
        ActivityContext.TryParse(traceParent, null, out var parent);
        return Source.StartActivity(function, ActivityKind.Consumer, parent);
    }

    public static string? CurrentTraceParent => Activity.Current?.Id;

    /// <summary>The tags that identify a complaint's work in a trace (ids only, never personal data).</summary>
    public static Activity? TagComplaint(this Activity? activity, string complaintId) => activity?.SetTag("complaint.id", complaintId);
}
