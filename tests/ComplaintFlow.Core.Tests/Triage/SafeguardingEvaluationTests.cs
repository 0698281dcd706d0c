using System.Globalization;
using System.Text;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;
using Xunit.Abstractions;

namespace ComplaintFlow.Core.Tests.Triage;

/// <summary>
/// Issue 15, item 3: the safeguarding rules over three sets written for them. The policy was adjusted while reading
/// the misses of <c>safeguarding-tuning.tsv</c>, then of <c>safeguarding-heldout.tsv</c> once its one held-out
/// evaluation had been reported (it is tuning data since); <c>safeguarding-heldout-2.tsv</c> was written after those
/// changes and before the rules were evaluated on it, and is never used to adjust them. Targets: recall at least 0.95,
/// false P1 at most 1 % (a complaint of the set that is not a safeguarding case but is P1 for any reason).
/// </summary>
public sealed class SafeguardingEvaluationTests(ITestOutputHelper output)
{
    private const double RecallTarget = 0.95;
    private const double FalseP1Target = 0.01;

    [Theory]
    [InlineData("safeguarding-tuning.tsv")]
    [InlineData("safeguarding-heldout.tsv")]
    public void On_the_sets_the_policy_was_tuned_on_safeguarding_meets_both_targets(string file)
    {
        var figures = Measure(file);
        Assert.True(figures.Recall >= RecallTarget, string.Create(CultureInfo.InvariantCulture, $"recall {figures.Recall:0.000} < {RecallTarget}"));
        Assert.True(figures.FalseP1Rate <= FalseP1Target, string.Create(CultureInfo.InvariantCulture, $"false P1 {figures.FalseP1Rate:0.000} > {FalseP1Target}"));
    }

    [Fact]
    public void On_the_second_held_out_set_safeguarding_keeps_its_first_figures()
    {
        var figures = Measure("safeguarding-heldout-2.tsv");

        // Neither target is met here: recall 0.854 (41/48) and false P1 6/110 (5.5 %) at its first (and only)
        // evaluation, reported in docs/triage.md as they came. The bounds stop it getting worse; the misses are not
        // tuned away, or the set would stop being held out.
        Assert.True(figures.Found >= HeldOut2Found, $"{figures.Found} of {figures.Positives} at risk found ({HeldOut2Found} at first evaluation)");
        Assert.True(figures.FalseFlags <= HeldOut2FalseFlags, $"{figures.FalseFlags} false safeguarding flags ({HeldOut2FalseFlags} at first evaluation)");
        Assert.True(figures.FalseP1 <= HeldOut2FalseP1, $"{figures.FalseP1} false P1s ({HeldOut2FalseP1} at first evaluation)");
    }

    // The second held-out set's first evaluation (2026-12-08).
    private const int HeldOut2Found = 41;
    private const int HeldOut2FalseFlags = 2;
    private const int HeldOut2FalseP1 = 6;

    private Figures Measure(string file)
    {
        var scored = Score(file);
        var positives = scored.Where(s => s.Case.Expected).ToList();
        var negatives = scored.Where(s => !s.Case.Expected).ToList();
        Assert.True(positives.Count >= 40 && negatives.Count >= 50, "the set is too small to mean something");
        var figures = new Figures(
            positives.Count,
            negatives.Count,
            positives.Count(s => s.Result.Safeguarding && s.Result.Priority == Priority.P1),
            negatives.Count(s => s.Result.Safeguarding),
            negatives.Count(s => s.Result.Priority == Priority.P1));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{file}: {figures.Positives} at risk, {figures.Negatives} not; recall {figures.Recall:0.000} ({figures.Found}/{figures.Positives}), false safeguarding flags {figures.FalseFlags}/{figures.Negatives}, false P1 {figures.FalseP1Rate:0.000} ({figures.FalseP1}/{figures.Negatives})"));
        foreach (var kind in positives.GroupBy(s => s.Case.Kind))
        {
            output.WriteLine($"  {kind.Key}: {kind.Count(s => s.Result.Safeguarding)}/{kind.Count()}");
        }

        foreach (var miss in scored.Where(s => s.Case.Expected != s.Result.Safeguarding || (!s.Case.Expected && s.Result.Priority == Priority.P1)))
        {
            output.WriteLine($"  {miss.Case.Id} expected {(miss.Case.Expected ? "safeguarding" : "none")}: {miss.Result.Explanation} | {miss.Case.Text}");
        }

        return figures;
    }

    [Fact]
    public void The_sets_together_hold_at_least_120_people_at_risk_and_220_hard_negatives()
    {
        var all = Load("safeguarding-tuning.tsv").Concat(Load("safeguarding-heldout.tsv")).Concat(Load("safeguarding-heldout-2.tsv")).ToList();
        Assert.True(all.Count(c => c.Expected) >= 120);
        Assert.True(all.Count(c => !c.Expected) >= 220);
        Assert.All(new[] { "en", "zh-Hans", "zh-Hant", "yue" }, l => Assert.True(all.Count(c => c.Language == l && c.Expected) >= 5, l));
        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct().Count());
    }

    private static List<(SafeguardingCase Case, TriageResult Result)> Score(string file)
    {
        var analyzer = new LexiconAnalyzer();
        var engine = new TriageEngine(TriagePolicy.Default);
        return [.. Load(file).Select(c =>
        {
            var sentiment = analyzer.Analyze(new TextDocument(c.Id, c.Text, null));
            return (c, engine.Score(new TriageInput { Text = c.Text, Language = sentiment.Language ?? "en" }, sentiment));
        })];
    }

    private static IEnumerable<SafeguardingCase> Load(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Triage", "Data", file), Encoding.UTF8)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(f => new SafeguardingCase(f[0], f[1] == "safeguarding", f[2], f[3], f[4]));

    private sealed record Figures(int Positives, int Negatives, int Found, int FalseFlags, int FalseP1)
    {
        public double Recall => (double)Found / Positives;
        public double FalseP1Rate => (double)FalseP1 / Negatives;
    }

    private sealed record SafeguardingCase(string Id, bool Expected, string Language, string Kind, string Text);
}
