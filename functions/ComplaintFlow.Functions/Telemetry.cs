using System.Diagnostics;
using System.Diagnostics.Metrics;

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
