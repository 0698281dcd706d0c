using ComplaintFlow.Core.Complaints;
namespace ComplaintFlow.Core.Triage;

/// <summary>Scores the sentiment of complaint texts. Implementations never throw for odd text: they say what they did.</summary>
public interface ITextAnalyzer
{
    /// <summary>Short name recorded on the complaint (e.g. <c>lexicon</c>, <c>azure-language</c>).</summary>
    string Name { get; }

    Task<IReadOnlyList<SentimentResult>> AnalyzeAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken);
}

/// <param name="Language">BCP-47 tag when known (<c>en</c>, <c>zh-Hans</c>, <c>zh-Hant</c>), otherwise null.</param>
public sealed record TextDocument(string Id, string Text, string? Language);
