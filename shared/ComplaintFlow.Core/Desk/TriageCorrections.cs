using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Desk;

/// <summary>
/// The events a member of staff's correction of triage writes. Their names are a contract: the category model is
/// retrained from complaints whose history holds <see cref="CategoryCorrected"/> (and from resolved ones), reading the
/// corrected value from <see cref="TriageResult.PrimaryCategory"/>.
/// </summary>
public static class TriageCorrectionEvents
{
    /// <summary>Staff corrected the primary category: <c>from</c>, <c>to</c> (category ids), optional <c>note</c>.</summary>
    public const string CategoryCorrected = "category-corrected";

    /// <summary>Staff corrected the sentiment label: <c>from</c>, <c>to</c> (<c>positive</c>, <c>neutral</c>, <c>negative</c>, <c>mixed</c>), optional <c>note</c>.</summary>
    public const string SentimentCorrected = "sentiment-corrected";
}

/// <param name="Category">A category id of the triage policy; null or empty leaves the category as it is.</param>
/// <param name="Sentiment"><c>positive</c>, <c>neutral</c>, <c>negative</c> or <c>mixed</c>; null or empty leaves it as it is.</param>
/// <param name="Note">Why, for colleagues (optional; erased with the complaint's other free text).</param>
public sealed record TriageCorrectionInput(string? Category, string? Sentiment, string? Note);

/// <summary>
/// Staff correct what triage decided about a complaint's category and sentiment. The correction replaces the value in
/// <see cref="TriageResult"/> itself, so the work lists, the search facets (<c>cat:</c>), the dashboard and the category
/// model's training all read the corrected value; the history keeps what triage said (<c>from</c>) and who changed it.
/// One event per value that changed: a correction of both writes <c>category-corrected</c> and
/// <c>sentiment-corrected</c> in the same save.
/// <para>What a correction does not do: it does not re-score the urgency or change the priority (that is the desk's
/// "Change priority", which re-plans the clocks), and it does not re-plan clocks or add the regulatory profiles a
/// category may bring: the clocks planned at triage keep running. Triage's own lists (<see cref="TriageResult.Categories"/>,
/// the reasons and the sentiment's confidences) stay as triage wrote them: they are the evidence it had. A resolved
/// complaint can be corrected too: its category is what the model learns from.</para>
/// </summary>
public sealed class TriageCorrections(TriagePolicy policy)
{
    private const int MaxNoteLength = 500;

    private static readonly string[] SentimentCodes = ["positive", "neutral", "negative", "mixed"];

    /// <summary>The categories staff may choose: the policy's, in its order, then its fallback.</summary>
    public IReadOnlyList<string> Categories { get; } =
        [.. policy.Categories.Select(c => c.Id).Append(policy.FallbackCategory).Distinct(StringComparer.Ordinal)];

    /// <summary>The sentiment labels staff may choose, as the events write them.</summary>
    public static IReadOnlyList<string> Sentiments => SentimentCodes;

    public ComplaintChange Correct(Complaint complaint, StaffMember staff, TriageCorrectionInput input, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        var category = input.Category?.Trim();
        if (string.IsNullOrEmpty(category))
        {
            category = null;
        }
        else if (!Categories.Contains(category, StringComparer.Ordinal))
        {
            errors.Add(Error(staff, "category", "category-unknown", Shorten(category), string.Join(", ", Categories)));
        }

        var sentimentCode = input.Sentiment?.Trim().ToLowerInvariant();
        SentimentLabel? sentiment = null;
        if (!string.IsNullOrEmpty(sentimentCode))
        {
            if (SentimentCodes.Contains(sentimentCode, StringComparer.Ordinal))
            {
                sentiment = Enum.Parse<SentimentLabel>(sentimentCode, ignoreCase: true);
            }
            else
            {
                errors.Add(Error(staff, "sentiment", "sentiment-unknown", string.Join(", ", SentimentCodes)));
            }
        }

        var note = input.Note?.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            errors.Add(Error(staff, "note", "note-too-long", MaxNoteLength));
        }

        if (errors.Count > 0)
        {
            throw new DeskRefusal(RefusalKind.Invalid, errors);
        }

        if (complaint.Triage is not { } triage)
        {
            throw new DeskRefusal(RefusalKind.WrongState, [Error(staff, "status", "not-triaged")]);
        }

        var newCategory = category is not null && category != triage.PrimaryCategory ? category : null;
        var newSentiment = sentiment is { } label && label != triage.Sentiment.Label ? sentiment : null;
        if (newCategory is null && newSentiment is null)
        {
            var field = category is null && sentiment is not null ? "sentiment" : "category";
            throw new DeskRefusal(RefusalKind.Invalid, [Error(staff, field, category is null && sentiment is null ? "nothing-to-correct" : "correction-same")]);
        }

        var change = complaint.Change(now).Apply(c => c with
        {
            Triage = triage with
            {
                PrimaryCategory = newCategory ?? triage.PrimaryCategory,
                Sentiment = newSentiment is { } to ? triage.Sentiment with { Label = to } : triage.Sentiment,
            },
        });
        if (newCategory is not null)
        {
            change = change.Record(TriageCorrectionEvents.CategoryCorrected, staff.Id, Data(triage.PrimaryCategory, newCategory, note));
        }

        if (newSentiment is { } corrected)
        {
            change = change.Record(TriageCorrectionEvents.SentimentCorrected, staff.Id, Data(Code(triage.Sentiment.Label), Code(corrected), note));
        }

        return change;
    }

    private static string Code(SentimentLabel label) => label.ToString().ToLowerInvariant();

    private static Dictionary<string, string> Data(string from, string to, string? note)
    {
        var data = new Dictionary<string, string> { ["from"] = from, ["to"] = to };
        if (!string.IsNullOrEmpty(note))
        {
            data["note"] = note;
        }

        return data;
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;

    private static ValidationError Error(StaffMember staff, string field, string key, params object[] args) =>
        new(field, TriageCorrectionMessages.Format(staff.Language, key, args));
}

/// <summary>What the desk says when it refuses a correction, in the three languages staff may use.</summary>
public static class TriageCorrectionMessages
{
    private static readonly Dictionary<string, Dictionary<string, string>> Messages = new()
    {
        [SupportedLanguages.English] = new()
        {
            ["category-unknown"] = "'{0}' is not a category of the triage policy: choose one of {1}.",
            ["sentiment-unknown"] = "Choose a sentiment: {0}.",
            ["note-too-long"] = "Must be at most {0} characters.",
            ["not-triaged"] = "The complaint is still being scored; try again in a moment.",
            ["nothing-to-correct"] = "Choose the correct category or sentiment.",
            ["correction-same"] = "The complaint already has this value: choose a different one.",
        },
        [SupportedLanguages.SimplifiedChinese] = new()
        {
            ["category-unknown"] = "“{0}”不是分诊策略中的类别，请从以下类别中选择：{1}。",
            ["sentiment-unknown"] = "请选择情绪：{0}。",
            ["note-too-long"] = "最多 {0} 个字符。",
            ["not-triaged"] = "该投诉仍在评分中，请稍后再试。",
            ["nothing-to-correct"] = "请选择正确的类别或情绪。",
            ["correction-same"] = "该投诉已是此值，请选择其他值。",
        },
        [SupportedLanguages.TraditionalChinese] = new()
        {
            ["category-unknown"] = "「{0}」不是分流策略中的類別，請從以下類別中選擇：{1}。",
            ["sentiment-unknown"] = "請選擇情緒：{0}。",
            ["note-too-long"] = "最多 {0} 個字元。",
            ["not-triaged"] = "該投訴仍在評分中，請稍後再試。",
            ["nothing-to-correct"] = "請選擇正確的類別或情緒。",
            ["correction-same"] = "該投訴已是此值，請選擇其他值。",
        },
    };

    public static string Format(string language, string key, params object[] args)
    {
        var table = Messages.GetValueOrDefault(language) ?? Messages[SupportedLanguages.English];
        return string.Format(CultureInfo.InvariantCulture, table[key], args);
    }
}
