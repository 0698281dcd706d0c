namespace ComplaintFlow.Bench.Load.Measurement;

/// <summary>Percentiles of a set of latencies, in milliseconds (nearest-rank, so every figure was observed).</summary>
internal sealed record Latency(int Count, double P50, double P95, double P99)
{
    public static Latency None { get; } = new(0, double.NaN, double.NaN, double.NaN);

    public static Latency Of(IEnumerable<TimeSpan> samples)
    {
        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        if (sorted.Length == 0)
        {
            return None;
        }

        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Latency(sorted.Length, Rank(0.50), Rank(0.95), Rank(0.99));
    }
}
