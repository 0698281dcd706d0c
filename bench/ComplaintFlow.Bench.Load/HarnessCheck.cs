namespace ComplaintFlow.Bench.Load;

/// <summary>
/// What makes a run worthless or shows a lost complaint, as opposed to a slow one: nothing accepted, nothing
/// acknowledged, no storage counted, a complaint without its acknowledgement or history.
/// </summary>
internal static class HarnessCheck
{
    public static IReadOnlyList<string> Problems(BenchResults results)
    {
        var problems = new List<string>();
        if (results.Ceiling.Counts.Work == 0)
        {
            problems.Add("the storage ceiling measured no operations");
        }

        if (results.Settings.CeilingOnly)
        {
            return problems;
        }

        foreach (var phase in results.Phases)
        {
            if (phase.Window.Accepted == 0)
            {
                problems.Add($"{phase.Name}: the app accepted no complaint");
            }
            else if (phase.Acknowledged == 0)
            {
                problems.Add($"{phase.Name}: no complaint was acknowledged");
            }

            if (phase.Storage.Work == 0)
            {
                problems.Add($"{phase.Name}: no storage operation was counted");
            }
        }

        if (results.NoLoss is { Passed: false } noLoss)
        {
            problems.Add($"no-loss check: {noLoss.Complete} of {noLoss.Accepted} accepted complaints complete; first problems: {string.Join("; ", noLoss.Problems.Take(5))}");
        }

        return problems;
    }
}
