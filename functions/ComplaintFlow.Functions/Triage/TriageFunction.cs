using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Functions.Http;
using ComplaintFlow.Hosting;

namespace ComplaintFlow.Functions.Triage;

/// <summary>Queue trigger on <c>complaints-intake</c>: scores the complaint and asks for its acknowledgement.</summary>
public static class TriageFunction
{
    public const string Name = "Triage";

    public static async Task<FunctionResult> RunAsync(FunctionInvocation invocation, IServiceProvider services, CancellationToken cancellationToken)
    {
        var message = await QueueBinding.ReadAsync<IntakeMessage>(invocation, services, cancellationToken);
        using var activity = Telemetry.StartConsumer(Name, message.TraceParent);
        activity.TagComplaint(message.ComplaintId);
        await services.GetRequiredService<TriageService>().HandleAsync(message with { TraceParent = Telemetry.CurrentTraceParent ?? message.TraceParent }, cancellationToken);
        Telemetry.Triaged.Add(1);
        return new FunctionResult();
    }
}
