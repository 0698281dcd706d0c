namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// The body a customer may take the complaint to if unhappy with our answer, as one regulatory profile words it, in
/// every customer language (<c>en</c>, <c>zh-Hans</c>, <c>zh-Hant</c>). Letters quote the text in the customer's language.
/// </summary>
public sealed record ReferralRight
{
    /// <summary>The regulatory profile it comes from (<c>miit-telecom</c>, <c>power-95598</c>, ...).</summary>
    public required string Profile { get; init; }

    public required IReadOnlyDictionary<string, string> Text { get; init; }

    public string In(string language) =>
        Text.TryGetValue(language, out var text) ? text : Text.GetValueOrDefault(SupportedLanguages.English) ?? Text.Values.First();
}
