using System.Globalization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Triage;

/// <summary>What triage looks at besides the text's sentiment.</summary>
public sealed record TriageInput
{
    public required string Text { get; init; }
    public string? Subject { get; init; }
    public required string Language { get; init; }

    /// <summary>Earlier complaints from the same person within the repeat window, across channels.</summary>
    public int EarlierContacts { get; init; }

    /// <summary>What the customer asked for as a field of the record (4W1H); null when they did not say.</summary>
    public CustomerDemand? Demand { get; init; }
}

/// <summary>
/// Turns the policy's rules into urgency, categories, priority and escalation grade, keeping every reason with the
/// text that triggered it. All keywords of all rules and categories sit in one automaton: one pass per field.
/// </summary>
public sealed class TriageEngine
{
    private const string SubjectField = "subject";
    private const string TextField = "text";

    /// <summary>A reason from the record's demand field: it has no place in the text to point at.</summary>
    private const string DemandField = "demand";

    private readonly TriagePolicy _policy;
    private readonly KeywordAutomaton _keywords;

    // Per pattern: the rules (index), the keywords a rule also requires (AlsoOf + index), rule exceptions
    // (ExceptionOf + index) and categories (~index) it belongs to.
    private readonly int[][] _targets;
    private readonly bool _hasExceptions;
    private const int ExceptionOf = 1 << 24;
    private const int AlsoOf = 1 << 22;
    private const int WeakOf = 1 << 20;

    [ThreadStatic]
    private static List<KeywordMatch>? t_matches;

    private readonly ICategoryModelSource? _categoryModels;
    private ModelMap? _modelMap;

    /// <summary>The policy's keywords decide the category alone.</summary>
    public TriageEngine(TriagePolicy policy)
        : this(policy, null)
    {
    }

    /// <summary>The keywords and the category model at its weight (<see cref="CategoryBlend"/>).</summary>
    public TriageEngine(TriagePolicy policy, ICategoryModelSource? categoryModels)
    {
        _policy = policy;
        _categoryModels = categoryModels;
        var patterns = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var keywords = new List<string>();
        void Add(string keyword, int target)
        {
            var key = TextFold.Fold(keyword.Trim());
            if (!patterns.TryGetValue(key, out var targets))
            {
                patterns[key] = targets = [];
                keywords.Add(key);
            }

            if (!targets.Contains(target))
            {
                targets.Add(target);
            }
        }

        for (var r = 0; r < policy.Rules.Count; r++)
        {
            if (policy.Rules[r].Kind == UrgencyRuleKinds.Keywords)
            {
                foreach (var keyword in policy.Rules[r].Keywords)
                {
                    Add(keyword, r);
                }

                foreach (var keyword in policy.Rules[r].AlsoRequires)
                {
                    Add(keyword, AlsoOf + r);
                }

                foreach (var exception in policy.Rules[r].Exceptions)
                {
                    Add(exception, ExceptionOf + r);
                    _hasExceptions = true;
                }
            }
        }

        for (var c = 0; c < policy.Categories.Count; c++)
        {
            foreach (var keyword in policy.Categories[c].Keywords)
            {
                Add(keyword, ~c);
            }

            foreach (var keyword in policy.Categories[c].WeakKeywords)
            {
                Add(keyword, ~(WeakOf + c));
            }
        }

        _keywords = new KeywordAutomaton(keywords);
        _targets = [.. keywords.Select(k => patterns[k].ToArray())];
    }

    public TriagePolicy Policy => _policy;

    public TriageResult Score(TriageInput input, SentimentResult sentiment)
    {
        var subject = TextInspection.Prepare(input.Subject);
        var text = TextInspection.Prepare(input.Text);
        var rules = _policy.Rules;
        Span<int> ruleHit = stackalloc int[rules.Count];
        Span<int> alsoHit = stackalloc int[rules.Count];
        Span<int> categoryHits = stackalloc int[_policy.Categories.Count];
        Span<int> categoryFirst = stackalloc int[_policy.Categories.Count];
        ruleHit.Fill(-1);
        alsoHit.Fill(-1);
        categoryFirst.Fill(int.MaxValue);

        // Matches of the subject and of the text share one list: subject matches first, then text ones.
        var matches = t_matches ??= new List<KeywordMatch>(32);
        matches.Clear();
        _keywords.FindAll(subject.Text, matches);
        var subjectMatches = matches.Count;
        _keywords.FindAll(text.Text, matches);
        for (var m = 0; m < matches.Count; m++)
        {
            foreach (var target in _targets[matches[m].Pattern])
            {
                if (target >= ExceptionOf)
                {
                    continue;
                }

                if (target >= AlsoOf)
                {
                    var rule = target - AlsoOf;
                    if (alsoHit[rule] < 0 && !(_hasExceptions && IsException(matches, m, subjectMatches, rule)))
                    {
                        alsoHit[rule] = m;
                    }

                    continue;
                }

                if (target >= 0)
                {
                    if (ruleHit[target] < 0 && !(_hasExceptions && IsException(matches, m, subjectMatches, target)))
                    {
                        ruleHit[target] = m;
                    }
                }
                else
                {
                    // A specific keyword counts twice a generic one ("overcharged" over "payment").
                    var category = ~target;
                    var weight = 2;
                    if (category >= WeakOf)
                    {
                        category -= WeakOf;
                        weight = 1;
                    }

                    categoryHits[category] += weight;
                    categoryFirst[category] = Math.Min(categoryFirst[category], m);
                }
            }
        }

        var reasons = new List<ScoreReason>();
        var minimum = Priority.P4;
        var escalation = EscalationGrade.Internal;
        var safeguarding = false;
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            var reason = rule.Kind switch
            {
                UrgencyRuleKinds.Keywords when ruleHit[r] >= 0 && rule.AlsoRequires.Count == 0 =>
                    KeywordReason(rule, matches[ruleHit[r]], ruleHit[r] < subjectMatches, subject.Text, text.Text, also: null),
                UrgencyRuleKinds.Keywords when ruleHit[r] >= 0 && alsoHit[r] >= 0 =>
                    KeywordReason(rule, matches[ruleHit[r]], ruleHit[r] < subjectMatches, subject.Text, text.Text, Matched(matches[alsoHit[r]], alsoHit[r] < subjectMatches, subject.Text, text.Text)),
                UrgencyRuleKinds.RepeatContact when input.EarlierContacts > 0 => RepeatReason(rule, input.EarlierContacts),
                UrgencyRuleKinds.Keywords when ruleHit[r] < 0 && DemandReason(rule, input.Demand) is { } demanded => demanded,
                UrgencyRuleKinds.MoneyAmount => MoneyReason(rule, subject.Text, text.Text, input.Demand),
                UrgencyRuleKinds.Sentiment when sentiment.Label is SentimentLabel.Negative or SentimentLabel.Mixed && sentiment.Negative > 0 => new ScoreReason
                {
                    Rule = rule.Id,
                    Description = string.Create(CultureInfo.InvariantCulture, $"{rule.Description} ({sentiment.Negative:0.00} negative, {sentiment.Analyzer})"),
                    Weight = Math.Round(rule.Weight * sentiment.Negative, 1),
                },
                _ => null,
            };
            if (reason is null)
            {
                continue;
            }

            reasons.Add(reason);
            if (rule.MinimumPriority is { } floor && floor < minimum)
            {
                minimum = floor;
            }

            if (rule.Safeguarding)
            {
                safeguarding = true;
                minimum = Priority.P1;
            }

            if (rule.Escalation is { } grade && grade > escalation)
            {
                escalation = grade;
            }
        }

        var categories = RankCategories(categoryHits, categoryFirst);
        var primary = categories.Count > 0 ? _policy.Categories[categories[0]] : null;
        if (BlendCategory(text.Text, categoryHits, categories) is { } blended)
        {
            // The model had its say: the chosen category leads, and its reason names the model's and the keywords' part.
            primary = blended.Index < _policy.Categories.Count ? _policy.Categories[blended.Index] : null;
            categories.Remove(blended.Index);
            if (primary is not null)
            {
                categories.Insert(0, blended.Index);
            }

            var keyword = primary is not null && categoryFirst[blended.Index] != int.MaxValue
                ? Matched(matches[categoryFirst[blended.Index]], categoryFirst[blended.Index] < subjectMatches, subject.Text, text.Text)
                : null;
            reasons.Add(new ScoreReason
            {
                Rule = "category",
                Description = CategoryBlend.Describe(primary?.Label ?? primary?.Id ?? _policy.FallbackCategory, blended.Probability, keyword),
                Weight = primary?.Weight ?? 0,
            });
        }
        else if (primary is { Weight: > 0 })
        {
            reasons.Add(new ScoreReason { Rule = "category", Description = $"category: {primary.Label ?? primary.Id}", Weight = primary.Weight });
        }

        AddInputNotes(reasons, text, sentiment);

        var urgency = Math.Min(100, reasons.Sum(r => r.Weight));
        var bands = _policy.PriorityBands;
        var priority = urgency >= bands.P1 ? Priority.P1 : urgency >= bands.P2 ? Priority.P2 : urgency >= bands.P3 ? Priority.P3 : Priority.P4;
        if (minimum < priority)
        {
            priority = minimum;
        }

        return new TriageResult
        {
            Priority = priority,
            Urgency = Math.Round(urgency, 1),
            Sentiment = sentiment,
            PrimaryCategory = primary?.Id ?? _policy.FallbackCategory,
            Categories = primary is null ? [_policy.FallbackCategory, .. categories.Select(c => _policy.Categories[c].Id)] : [.. categories.Select(c => _policy.Categories[c].Id)],
            EscalationGrade = escalation,
            Reasons = reasons,
            Safeguarding = safeguarding,
        };
    }

    /// <summary>
    /// The category by keywords and model together (null: no model, weight 0, a model that knows none of the policy's
    /// categories, or a text without features). Allocates nothing per complaint: the label map is made once per model.
    /// </summary>
    private (int Index, double Probability)? BlendCategory(string text, ReadOnlySpan<int> categoryHits, List<int> ranked)
    {
        if (_categoryModels?.Current is not { Weight: > 0 } inUse || inUse.Model.Labels.Count > 256)
        {
            return null;
        }

        var (model, weight) = (inUse.Model, inUse.Weight);

        var map = _modelMap;
        if (map is null || !ReferenceEquals(map.Model, model))
        {
            _modelMap = map = new ModelMap(model, CategoryBlend.MapLabels(model, _policy));
        }

        if (map.Labels is not { } labels)
        {
            return null;
        }

        Span<double> probabilities = stackalloc double[model.Labels.Count];
        if (!model.TryPredict(text, probabilities))
        {
            return null;
        }

        Span<double> byCategory = stackalloc double[categoryHits.Length + 1];
        for (var k = 0; k < labels.Length; k++)
        {
            if (labels[k] >= 0)
            {
                byCategory[labels[k]] += probabilities[k];
            }
        }

        var chosen = CategoryBlend.Choose(categoryHits, ranked, byCategory, weight);
        return (chosen, byCategory[chosen]);
    }

    private sealed record ModelMap(LinearTextModel Model, int[]? Labels);

    /// <summary>True when the match sits inside one of the rule's exceptions in the same field ("火" in "火车").</summary>
    private bool IsException(List<KeywordMatch> matches, int m, int subjectMatches, int rule)
    {
        var match = matches[m];
        var inSubject = m < subjectMatches;
        var from = inSubject ? 0 : subjectMatches;
        var to = inSubject ? subjectMatches : matches.Count;
        for (var e = from; e < to; e++)
        {
            var other = matches[e];
            if (other.Start <= match.Start && other.End >= match.End && e != m && Array.IndexOf(_targets[other.Pattern], ExceptionOf + rule) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Categories with a keyword, highest keyword score first; a tie goes to the one named earlier in the text.</summary>
    private static List<int> RankCategories(ReadOnlySpan<int> hits, ReadOnlySpan<int> first)
    {
        var ranked = new List<int>(4);
        for (var c = 0; c < hits.Length; c++)
        {
            if (hits[c] > 0)
            {
                ranked.Add(c);
            }
        }

        var hitsCopy = hits.ToArray();
        var firstCopy = first.ToArray();
        ranked.Sort((a, b) => hitsCopy[a] != hitsCopy[b] ? hitsCopy[b].CompareTo(hitsCopy[a]) : firstCopy[a].CompareTo(firstCopy[b]));
        return ranked;
    }

    private static string Matched(KeywordMatch match, bool inSubject, string subject, string text) =>
        (inSubject ? subject : text).Substring(match.Start, match.Length);

    /// <param name="also">The required second keyword's text, named beside the first ("老人 + 停电").</param>
    private static ScoreReason KeywordReason(UrgencyRule rule, KeywordMatch match, bool inSubject, string subject, string text, string? also)
    {
        var matched = Matched(match, inSubject, subject, text);
        return new ScoreReason
        {
            Rule = rule.Id,
            Description = Describe(rule.Description, also is null ? matched : $"{matched} + {also}"),
            Safeguarding = rule.Safeguarding,
            Weight = rule.Weight,
            Match = matched,
            Start = match.Start,
            Length = match.Length,
            Field = inSubject ? SubjectField : TextField,
        };
    }

    private ScoreReason RepeatReason(UrgencyRule rule, int earlier)
    {
        var weight = rule.Weight * earlier;
        var nth = earlier + 1;
        var ordinal = (nth % 100) is >= 11 and <= 13 ? "th" : (nth % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return new ScoreReason
        {
            Rule = rule.Id,
            Description = string.Create(CultureInfo.InvariantCulture, $"{rule.Description} ({nth}{ordinal} in {_policy.RepeatWindowDays} days)"),
            Weight = rule.MaximumWeight is { } maximum ? Math.Min(maximum, weight) : weight,
        };
    }

    /// <summary>
    /// A keywords rule that names the demand kinds it stands for (<see cref="UrgencyRule.Demands"/>) fires on the
    /// customer's stated demand when no keyword did: a compensation demand chosen on the form weighs as "赔偿" written.
    /// </summary>
    private static ScoreReason? DemandReason(UrgencyRule rule, CustomerDemand? demand)
    {
        if (demand is null || !rule.Demands.Contains(CustomerDemand.NameOf(demand.Kind), StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        // The kind and sum only: the customer's own words for it stay out of the reason, which outlives an erasure.
        var stated = (demand with { Detail = null }).In(SupportedLanguages.English);
        return new ScoreReason { Rule = rule.Id, Description = Describe(rule.Description, stated), Weight = rule.Weight, Match = stated, Field = DemandField };
    }

    private static ScoreReason? MoneyReason(UrgencyRule rule, string subject, string text, CustomerDemand? demand)
    {
        var inSubject = MoneyAmounts.Largest(subject);
        var inText = MoneyAmounts.Largest(text);
        var useSubject = inSubject is { } s && (inText is null || s.Amount > inText.Value.Amount);
        var written = useSubject ? inSubject : inText;

        // The sum the customer asked for as a field counts as money at stake, when it is more than any in the words.
        if (demand is { Amount: { } asked } && (written is null || asked > written.Value.Amount))
        {
            var amountText = demand.AmountText!;
            return new ScoreReason
            {
                Rule = rule.Id,
                Description = Describe(rule.Description, amountText),
                Weight = WeightFor(rule, asked),
                Match = amountText,
                Field = DemandField,
            };
        }

        if (written is not { } money)
        {
            return null;
        }

        var weight = WeightFor(rule, money.Amount);

        var matched = (useSubject ? subject : text).Substring(money.Start, money.Length);
        return new ScoreReason
        {
            Rule = rule.Id,
            Description = Describe(rule.Description, matched),
            Weight = weight,
            Match = matched,
            Start = money.Start,
            Length = money.Length,
            Field = useSubject ? SubjectField : TextField,
        };
    }

    private static double WeightFor(UrgencyRule rule, decimal amount)
    {
        var weight = rule.Weight;
        foreach (var threshold in rule.Thresholds)
        {
            if (amount >= threshold.Amount && threshold.Weight > weight)
            {
                weight = threshold.Weight;
            }
        }

        return weight;
    }

    private static string Describe(string template, string matched) =>
        template.Contains("{match}", StringComparison.Ordinal) ? template.Replace("{match}", matched, StringComparison.Ordinal) : $"{template} ({matched})";

    /// <summary>What was done with odd input and what the analyzer said (fallback, truncation), as zero-weight reasons.</summary>
    private static void AddInputNotes(List<ScoreReason> reasons, PreparedText text, SentimentResult sentiment)
    {
        var notes = new HashSet<string>(StringComparer.Ordinal);
        if (text.Findings != TextFindings.None)
        {
            foreach (var note in text.Notes())
            {
                if (notes.Add(note))
                {
                    reasons.Add(new ScoreReason { Rule = "input", Description = note, Weight = 0 });
                }
            }
        }

        foreach (var note in sentiment.Notes)
        {
            if (notes.Add(note))
            {
                reasons.Add(new ScoreReason { Rule = "analyzer", Description = note, Weight = 0 });
            }
        }
    }
}
