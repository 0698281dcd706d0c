using System.Globalization;

namespace ComplaintFlow.Core.Triage;

/// <summary>
/// The learned category model beside the keyword taxonomy. The keywords give a distribution over the policy's
/// categories (each category's keyword score over the total; all of it on the fallback category when no keyword
/// matched), the model gives its probabilities over the same categories, and the category with the highest
/// (1 − w) × keywords + w × model wins; a tie goes to the keywords' order. With w below 0.5 the model re-ranks the
/// categories the keywords found but never overrules "no keyword, so other"; above 0.5 it can. w is the policy's
/// <c>categoryModel.weight</c>, chosen by cross-validation on the tuning set. The keywords stay the cold start: a
/// model that knows none of the policy's categories is not used.
/// </summary>
public static class CategoryBlend
{
    /// <summary>
    /// The index of the winning category (<paramref name="keywordHits"/>.Length = the fallback category).
    /// <paramref name="model"/> has one probability per category plus the fallback's, last.
    /// </summary>
    /// <param name="ranked">The categories with a keyword, in the keywords' order (best first).</param>
    public static int Choose(ReadOnlySpan<int> keywordHits, IReadOnlyList<int> ranked, ReadOnlySpan<double> model, double weight)
    {
        var fallback = keywordHits.Length;
        double total = 0;
        foreach (var hits in keywordHits)
        {
            total += hits;
        }

        // Candidates in the keywords' order first, so an exact tie keeps the keywords' choice.
        var best = ranked.Count > 0 ? ranked[0] : fallback;
        var bestScore = Blend(keywordHits, model, total, weight, best);
        for (var c = 0; c <= fallback; c++)
        {
            var score = Blend(keywordHits, model, total, weight, c);
            if (score > bestScore + 1e-12)
            {
                best = c;
                bestScore = score;
            }
        }

        return best;
    }

    private static double Blend(ReadOnlySpan<int> keywordHits, ReadOnlySpan<double> model, double total, double weight, int c)
    {
        var byKeywords = total > 0 ? (c < keywordHits.Length ? keywordHits[c] / total : 0) : (c == keywordHits.Length ? 1 : 0);
        return ((1 - weight) * byKeywords) + (weight * model[c]);
    }

    /// <summary>
    /// For each of the model's labels, the policy category it names (the fallback's index for the fallback id), or
    /// −1 for a label the policy does not have. Null when the model knows no category of the policy.
    /// </summary>
    public static int[]? MapLabels(LinearTextModel model, TriagePolicy policy)
    {
        var map = new int[model.Labels.Count];
        var known = 0;
        for (var k = 0; k < map.Length; k++)
        {
            var label = model.Labels[k];
            map[k] = label == policy.FallbackCategory ? policy.Categories.Count : -1;
            for (var c = 0; c < policy.Categories.Count; c++)
            {
                if (policy.Categories[c].Id == label)
                {
                    map[k] = c;
                }
            }

            if (map[k] >= 0 && map[k] < policy.Categories.Count)
            {
                known++;
            }
        }

        return known == 0 ? null : map;
    }

    /// <summary>What the supervisor reads: "category: Billing (model 0.82; keywords 账单)".</summary>
    public static string Describe(string label, double modelProbability, string? keyword) =>
        string.Create(CultureInfo.InvariantCulture, $"category: {label} (model {modelProbability:0.00}; {(keyword is null ? "no keyword" : $"keywords {keyword}")})");
}
