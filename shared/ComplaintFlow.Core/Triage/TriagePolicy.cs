using System.Text.Json;
using System.Text.Json.Serialization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Triage;

/// <summary>
/// Urgency rules, the category taxonomy and the priority bands: data, not code. The default ships embedded
/// (Triage/Data/triage-policy.json); a deployment may point <c>ComplaintFlow:Triage:PolicyPath</c> at its own.
/// </summary>
public sealed record TriagePolicy
{
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    /// <summary>Earlier complaints from the same person within this many days count as repeat contact.</summary>
    public int RepeatWindowDays { get; init; } = 30;

    public PriorityBands PriorityBands { get; init; } = new();
    public IReadOnlyList<UrgencyRule> Rules { get; init; } = [];
    public IReadOnlyList<CategoryDefinition> Categories { get; init; } = [];
    public string FallbackCategory { get; init; } = "other";

    /// <summary>How much the learned sentiment model counts beside the lexicon (see <see cref="BlendedAnalyzer"/>).</summary>
    public SentimentModelBlend SentimentModel { get; init; } = new();

    /// <summary>How much the learned category model counts beside the keyword taxonomy (see <see cref="CategoryBlend"/>).</summary>
    public CategoryModelBlend CategoryModel { get; init; } = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly Lazy<TriagePolicy> Embedded = new(() =>
    {
        using var stream = TriageData.Open("triage-policy.json");
        return Load(stream, "embedded triage-policy.json");
    });

    public static TriagePolicy Default => Embedded.Value;

    /// <summary>Reads and validates a policy; throws <see cref="TriagePolicyException"/> naming every bad key.</summary>
    public static TriagePolicy Load(Stream json, string source)
    {
        TriagePolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize<TriagePolicy>(json, Json);
        }
        catch (JsonException e)
        {
            throw new TriagePolicyException(source, [$"{e.Path ?? "$"}: {e.Message}"]);
        }

        if (policy is null)
        {
            throw new TriagePolicyException(source, ["$: the policy is empty"]);
        }

        var errors = policy.Validate();
        return errors.Count == 0 ? policy : throw new TriagePolicyException(source, errors);
    }

    public static TriagePolicy LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Every problem, each naming its key (<c>rules[2].weight</c>).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RepeatWindowDays is < 1 or > 365)
        {
            errors.Add($"repeatWindowDays: must be 1..365 (is {RepeatWindowDays})");
        }

        if (PriorityBands is not { P3: > 0 } || PriorityBands.P2 <= PriorityBands.P3 || PriorityBands.P1 <= PriorityBands.P2)
        {
            errors.Add("priorityBands: need p1 > p2 > p3 > 0");
        }

        if (SentimentModel is null || !(SentimentModel.Weight is >= 0 and <= 1))
        {
            errors.Add($"sentimentModel.weight: must be 0..1 (0 = the lexicon alone; is {SentimentModel?.Weight})");
        }

        if (CategoryModel is null || !(CategoryModel.Weight is >= 0 and <= 1))
        {
            errors.Add($"categoryModel.weight: must be 0..1 (0 = the keywords alone; is {CategoryModel?.Weight})");
        }

        if (Rules.Count == 0)
        {
            errors.Add("rules: no rules");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            var key = $"rules[{i}]";
            if (rule is null)
            {
                errors.Add($"{key}: null");
                continue;
            }

            ValidateId(rule.Id, key, ids, errors);

            if (string.IsNullOrWhiteSpace(rule.Description))
            {
                errors.Add($"{key}.description: missing");
            }

            ValidateWeight(rule.Weight, key, errors);

            if (rule.MaximumWeight is { } maximum && maximum < rule.Weight)
            {
                errors.Add($"{key}.maximumWeight: must be at least the weight");
            }

            if (rule.Safeguarding && rule.Kind != UrgencyRuleKinds.Keywords)
            {
                errors.Add($"{key}.safeguarding: only a keywords rule can be a safeguarding rule");
            }

            if (rule.Demands.Count > 0 && rule.Kind != UrgencyRuleKinds.Keywords)
            {
                errors.Add($"{key}.demands: only a keywords rule can stand for a demand");
            }

            foreach (var demand in rule.Demands)
            {
                if (CustomerDemand.Parse(demand) is null)
                {
                    errors.Add($"{key}.demands: unknown demand '{demand}' (known: {string.Join(", ", Enum.GetValues<DemandKind>().Select(CustomerDemand.NameOf))})");
                }
            }

            if (rule.AlsoRequires.Count > 0 && rule.Kind != UrgencyRuleKinds.Keywords)
            {
                errors.Add($"{key}.alsoRequires: only a keywords rule can require other keywords");
            }

            switch (rule.Kind)
            {
                case UrgencyRuleKinds.Keywords:
                    ValidateKeywords(rule.Keywords, $"{key}.keywords", errors);
                    if (rule.Exceptions.Count > 0)
                    {
                        ValidateKeywords(rule.Exceptions, $"{key}.exceptions", errors);
                    }

                    if (rule.AlsoRequires.Count > 0)
                    {
                        ValidateKeywords(rule.AlsoRequires, $"{key}.alsoRequires", errors);
                    }

                    break;
                case UrgencyRuleKinds.MoneyAmount:
                    for (var t = 0; t < rule.Thresholds.Count; t++)
                    {
                        if (rule.Thresholds[t] is not { Amount: > 0, Weight: >= 0 })
                        {
                            errors.Add($"{key}.thresholds[{t}]: amount must be positive and weight not negative");
                        }
                    }

                    break;
                case UrgencyRuleKinds.RepeatContact or UrgencyRuleKinds.Sentiment:
                    break;
                default:
                    errors.Add($"{key}.kind: unknown kind '{rule.Kind}' (known: {string.Join(", ", UrgencyRuleKinds.All)})");
                    break;
            }
        }

        if (Categories.Count == 0)
        {
            errors.Add("categories: no categories");
        }

        var categoryIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Categories.Count; i++)
        {
            var category = Categories[i];
            var key = $"categories[{i}]";
            if (category is null)
            {
                errors.Add($"{key}: null");
                continue;
            }

            ValidateId(category.Id, key, categoryIds, errors);

            ValidateWeight(category.Weight, key, errors);
            ValidateKeywords(category.Keywords, $"{key}.keywords", errors);
            if (category.WeakKeywords.Count > 0)
            {
                ValidateKeywords(category.WeakKeywords, $"{key}.weakKeywords", errors);
            }
        }

        if (string.IsNullOrWhiteSpace(FallbackCategory))
        {
            errors.Add("fallbackCategory: missing");
        }
        else if (categoryIds.Contains(FallbackCategory))
        {
            errors.Add($"fallbackCategory: '{FallbackCategory}' is also a keyword category");
        }

        return errors;
    }

    private static void ValidateId(string? id, string key, HashSet<string> ids, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add($"{key}.id: missing");
        }
        else if (!ids.Add(id))
        {
            errors.Add($"{key}.id: '{id}' is used twice");
        }
    }

    private static void ValidateWeight(double weight, string key, List<string> errors)
    {
        if (weight < 0 || !double.IsFinite(weight))
        {
            errors.Add($"{key}.weight: must not be negative (is {weight})");
        }
    }

    private static void ValidateKeywords(IReadOnlyList<string> keywords, string key, List<string> errors)
    {
        if (keywords is null || keywords.Count == 0)
        {
            errors.Add($"{key}: empty keyword list");
            return;
        }

        for (var k = 0; k < keywords.Count; k++)
        {
            if (string.IsNullOrWhiteSpace(keywords[k]?.TrimEnd('*')))
            {
                errors.Add($"{key}[{k}]: blank keyword");
            }
        }
    }
}

public static class UrgencyRuleKinds
{
    /// <summary>Any keyword in the text adds the weight once, with the first match as its evidence.</summary>
    public const string Keywords = "keywords";

    /// <summary>Earlier complaints from the same person: the weight per earlier contact, up to maximumWeight.</summary>
    public const string RepeatContact = "repeatContact";

    /// <summary>An amount of money in the text: the weight, or the weight of the highest threshold reached.</summary>
    public const string MoneyAmount = "moneyAmount";

    /// <summary>Negative sentiment: the weight times the negative confidence.</summary>
    public const string Sentiment = "sentiment";

    public static readonly IReadOnlyList<string> All = [Keywords, RepeatContact, MoneyAmount, Sentiment];
}

public sealed record UrgencyRule
{
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    public required string Id { get; init; }
    public required string Kind { get; init; }

    /// <summary>What a supervisor reads; <c>{match}</c> is replaced by the text that triggered the rule.</summary>
    public required string Description { get; init; }

    public double Weight { get; init; }
    public double? MaximumWeight { get; init; }

    /// <summary>The rule alone makes the complaint at least this urgent (a safety risk is P1 whatever else).</summary>
    public Priority? MinimumPriority { get; init; }

    public EscalationGrade? Escalation { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Longer words holding a keyword that do not mean it (火车 holds 火, "press 1" holds press).</summary>
    public IReadOnlyList<string> Exceptions { get; init; } = [];

    /// <summary>
    /// When set, a keyword alone is not enough: one of these must be in the subject or text too (a vulnerable person
    /// is a safeguarding concern when they are also without power or heating).
    /// </summary>
    public IReadOnlyList<string> AlsoRequires { get; init; } = [];

    /// <summary>A match is a safeguarding concern: the complaint is P1 and flagged, whatever else it says.</summary>
    public bool Safeguarding { get; init; }

    public IReadOnlyList<MoneyThreshold> Thresholds { get; init; } = [];

    /// <summary>
    /// For a keywords rule: the customer's demand kinds (<c>compensation</c>, <c>refund</c>...) that fire it as its
    /// keywords do, when the demand is given as a field of the record rather than written in the text.
    /// </summary>
    public IReadOnlyList<string> Demands { get; init; } = [];
}

public sealed record MoneyThreshold(decimal Amount, double Weight);

public sealed record CategoryDefinition
{
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    public required string Id { get; init; }
    public string? Label { get; init; }

    /// <summary>Urgency the category adds when it is the primary one.</summary>
    public double Weight { get; init; }

    /// <summary>Words that name the category (count 2 each).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Generic words that only lean towards it (count 1 each: "engineer", "phone", "合同").</summary>
    public IReadOnlyList<string> WeakKeywords { get; init; } = [];
}

/// <summary>Lowest urgency for P1, P2 and P3; anything below P3 is P4.</summary>
public sealed record PriorityBands
{
    public double P1 { get; init; } = 60;
    public double P2 { get; init; } = 35;
    public double P3 { get; init; } = 15;
}

public sealed class TriagePolicyException(string source, IReadOnlyList<string> errors)
    : Exception($"Triage policy {source} is invalid: {string.Join("; ", errors)}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>The learned sentiment model's share of the score: 0 = the lexicon alone, 1 = the model alone.</summary>
public sealed record SentimentModelBlend
{
    /// <summary>The default was chosen by cross-validation on the tuning set (docs/triage.md, "Learned model").</summary>
    public const double DefaultWeight = 0.25;

    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    public double Weight { get; init; } = DefaultWeight;
}

/// <summary>The learned category model's share of the category decision: 0 = the keywords alone, 1 = the model alone.</summary>
public sealed record CategoryModelBlend
{
    /// <summary>
    /// Chosen by 5-fold cross-validation on the tuning set (docs/triage.md, "Category model"): 0, the keywords alone,
    /// because on that set (which the keywords were fitted on) no blend beat them. A retrained version chooses its own.
    /// </summary>
    public const double DefaultWeight = 0;

    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    public double Weight { get; init; } = DefaultWeight;
}
