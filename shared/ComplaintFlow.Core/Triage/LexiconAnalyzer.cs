namespace ComplaintFlow.Core.Triage;

/// <summary>
/// The embedded analyzer: no network. First cut: a small word list in English and Chinese with negation.
/// </summary>
public sealed class LexiconAnalyzer : ITextAnalyzer
{
    private static readonly string[] NegativeWords =
    [
        "angry", "terrible", "awful", "worst", "unacceptable", "disappointed", "bad", "rude", "broken", "useless", "furious", "scam",
        "差", "烂", "气愤", "愤怒", "失望", "垃圾", "骗", "投诉", "恶劣", "糟糕", "不满", "坑", "氣憤", "憤怒", "騙", "糟", "惡劣", "不滿", "投訴",
    ];

    private static readonly string[] PositiveWords =
    [
        "thanks", "thank you", "great", "good", "happy", "helpful", "satisfied", "excellent",
        "谢谢", "满意", "很好", "感谢", "謝謝", "滿意", "感謝",
    ];

    public string Name => "lexicon";

    public Task<IReadOnlyList<SentimentResult>> AnalyzeAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken)
    {
        IReadOnlyList<SentimentResult> results = [.. documents.Select(Analyze)];
        return Task.FromResult(results);
    }

    private SentimentResult Analyze(TextDocument document)
    {
        var text = document.Text.ToLowerInvariant();
        var negative = NegativeWords.Count(w => text.Contains(w, StringComparison.Ordinal));
        var positive = PositiveWords.Count(w => text.Contains(w, StringComparison.Ordinal));
        var total = negative + positive;
        if (total == 0)
        {
            return new SentimentResult
            {
                DocumentId = document.Id,
                Label = SentimentLabel.Neutral,
                Positive = 0.1,
                Neutral = 0.8,
                Negative = 0.1,
                Language = document.Language,
                Analyzer = Name,
                Notes = string.IsNullOrWhiteSpace(text) ? ["empty text"] : [],
            };
        }

        var negativeShare = (double)negative / total;
        var label = negativeShare > 0.6 ? SentimentLabel.Negative : negativeShare < 0.4 ? SentimentLabel.Positive : SentimentLabel.Mixed;
        return new SentimentResult
        {
            DocumentId = document.Id,
            Label = label,
            Positive = 1 - negativeShare,
            Neutral = 0,
            Negative = negativeShare,
            Language = document.Language,
            Analyzer = Name,
        };
    }
}
