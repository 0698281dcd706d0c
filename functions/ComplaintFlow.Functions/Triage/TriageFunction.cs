using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Functions.Http;

namespace ComplaintFlow.Functions.Triage;

/// <summary>Queue trigger on <c>complaints-intake</c>: scores the complaint and asks for its acknowledgement.</summary>
public sealed class TriageFunction(QueueMessageReader reader, TriageService triage, LastDelivery lastDelivery)
{
    public const string Name = "Triage";

    [Function(Name)]
    public Task RunAsync(
        [QueueTrigger(QueueSettings.Prefix + QueueNames.Intake)] string message,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        lastDelivery.RunAsync(Name, QueueNames.Intake, message, context, async () =>
        {
            var intake = await reader.ReadAsync<IntakeMessage>(message, cancellationToken);
            if (LastDelivery.IsRedelivery(context))
            {
                intake = intake with { Carried = null };
            }

            using var activity = Telemetry.StartConsumer(Name, intake.TraceParent);
            activity.TagComplaint(intake.ComplaintId);
            await triage.HandleAsync(intake with { TraceParent = Telemetry.CurrentTraceParent ?? intake.TraceParent }, cancellationToken);
            Telemetry.Triaged.Add(1);
        }, givingUp: null, cancellationToken);
}
