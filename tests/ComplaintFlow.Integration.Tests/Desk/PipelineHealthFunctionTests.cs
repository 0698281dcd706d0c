using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Functions;
using ComplaintFlow.Functions.Desk;
using ComplaintFlow.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Integration.Tests.Desk;

/// <summary>
/// The health timer as it runs: it measures Azurite's queues and hands the reading to the gauges OpenTelemetry
/// exports, under the metric names and the <c>queue</c> dimension the alert rules query.
/// </summary>
public sealed class PipelineHealthFunctionTests
{
    [Fact]
    public async Task A_stalled_intake_message_and_a_poisoned_notice_reach_the_gauges_the_alerts_query()
    {
        var service = new QueueServiceClient((await Azurite.SharedAsync()).ConnectionString);
        var options = new StorageOptions { NamePrefix = Names.Unique("ph") + "-" };
        var intake = service.GetQueueClient(options.Queue(QueueNames.Intake));
        await intake.CreateAsync();
        var sent = (await intake.SendMessageAsync("{}")).Value;
        var poison = service.GetQueueClient(options.Queue(QueueNames.Notifications + "-poison"));
        await poison.CreateAsync();
        await poison.SendMessageAsync("{}");

        // Ten minutes after the message went in, on the health check's clock.
        var time = new FakeTimeProvider(sent.InsertionTime + TimeSpan.FromMinutes(10));
        var deadlines = new TableServiceClient((await Azurite.SharedAsync()).ConnectionString).GetTableClient(Names.UniqueTable("Deadlines"));
        await deadlines.CreateIfNotExistsAsync();
        var function = new PipelineHealthFunction(new PipelineHealth(new AzureQueueWatch(service, options), new TableDeadlineIndex(deadlines), time));
        await function.RunAsync(new TimerInfo(), CancellationToken.None);

        var observed = Observe();
        Assert.Equal(600, observed[(Telemetry.QueueOldestAgeMetric, "complaints-intake")], 0.5);
        Assert.Equal(1, observed[(Telemetry.QueueLengthMetric, "complaints-intake")]);
        Assert.Equal(1, observed[(Telemetry.QueueLengthMetric, "notifications-poison")]);
        Assert.Equal(0, observed[(Telemetry.QueueLengthMetric, "notifications")]);
        Assert.Equal(0, observed[(Telemetry.OverdueMetric, "")]);
    }

    /// <summary>Every gauge of the app's meter, read once, by metric name and queue.</summary>
    private static Dictionary<(string Metric, string Queue), double> Observe()
    {
        var values = new Dictionary<(string, string), double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Telemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var queue = "";
            foreach (var tag in tags)
            {
                if (tag.Key == "queue")
                {
                    queue = (string)tag.Value!;
                }
            }

            values[(instrument.Name, queue)] = value;
        }

        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
