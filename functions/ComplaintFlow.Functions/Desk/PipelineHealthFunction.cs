using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// Timer trigger (NCRONTAB from the <c>PipelineHealthSchedule</c> setting, every minute by default): measures the
/// stage queues, their poison queues and the overdue complaints, and hands the reading to the gauges in
/// <see cref="Telemetry"/>, which OpenTelemetry exports to Application Insights. The alert rules in
/// <c>infra-bicep/modules/monitoring.bicep</c> page the on-call address from them (docs/reliability.md, "Alerts").
/// </summary>
public sealed class PipelineHealthFunction(PipelineHealth health)
{
    public const string Name = "PipelineHealth";

    [Function(Name)]
    public async Task<PipelineHealthReading> RunAsync([TimerTrigger("%PipelineHealthSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity(Name);
        var reading = await health.MeasureAsync(cancellationToken);
        Telemetry.Record(reading);
        return reading;
    }
}
