using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Hosting;

namespace ComplaintFlow.Functions.Triage;

/// <summary>Queue trigger on <c>complaints-intake</c>: scores the complaint and asks for its acknowledgement.</summary>
public static class TriageFunction
{
    public const string Name = "Triage";

    public static async Task<FunctionResult> RunAsync(FunctionInvocation invocation, IServiceProvider services, CancellationToken cancellationToken)
    {
        var text = invocation.DataAsText("message") ?? throw new InvalidOperationException("The invocation has no 'message' binding.");
        var message = await services.GetRequiredService<QueueMessageReader>().ReadAsync<IntakeMessage>(text, cancellationToken);
        using var activity = Telemetry.StartConsumer(Name, message.TraceParent);
        activity?.SetTag("complaint.id", message.ComplaintId);
        await services.GetRequiredService<TriageService>().HandleAsync(message with { TraceParent = Telemetry.CurrentTraceParent ?? message.TraceParent }, cancellationToken);
        Telemetry.Triaged.Add(1);
        return new FunctionResult();
    }
}
