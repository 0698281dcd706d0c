using System.Globalization;

namespace ComplaintFlow.Core.Complaints;

/// <summary>What the customer wants done about their complaint (诉求).</summary>
public enum DemandKind
{
    Repair,
    Refund,
    Apology,
    Compensation,
    Other,
}

/// <summary>The customer's demand: a kind, and for compensation or a refund the sum they ask for when they name one.</summary>
public sealed record CustomerDemand
{
    public required DemandKind Kind { get; init; }

    /// <summary>The sum asked for, when the customer names one; null when they leave it to us.</summary>
    public decimal? Amount { get; init; }

    /// <summary>ISO 4217 code of <see cref="Amount"/>; null when no amount was given.</summary>
    public string? Currency { get; init; }

    /// <summary>The demand in the customer's words, when none of the kinds says it (or to say more).</summary>
    public string? Detail { get; init; }

    /// <summary>The wire name of a kind: <c>repair</c>, <c>refund</c>, <c>apology</c>, <c>compensation</c>, <c>other</c>.</summary>
    public static string NameOf(DemandKind kind) => kind.ToString().ToLowerInvariant();

    public static DemandKind? Parse(string? name) =>
        Enum.GetValues<DemandKind>().Where(k => string.Equals(NameOf(k), name?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(k => (DemandKind?)k).FirstOrDefault();

    /// <summary>The amount as the customer reads it: <c>800 CNY</c>.</summary>
    public string? AmountText => Amount is { } amount ? $"{amount.ToString("0.##", CultureInfo.InvariantCulture)} {Currency}".Trim() : null;

    private static readonly Dictionary<string, Dictionary<DemandKind, string>> Names = new()
    {
        [SupportedLanguages.English] = new()
        {
            [DemandKind.Repair] = "repair",
            [DemandKind.Refund] = "refund",
            [DemandKind.Apology] = "apology",
            [DemandKind.Compensation] = "compensation",
            [DemandKind.Other] = "other",
        },
        [SupportedLanguages.SimplifiedChinese] = new()
        {
            [DemandKind.Repair] = "维修",
            [DemandKind.Refund] = "退款",
            [DemandKind.Apology] = "道歉",
            [DemandKind.Compensation] = "赔偿",
            [DemandKind.Other] = "其他",
        },
        [SupportedLanguages.TraditionalChinese] = new()
        {
            [DemandKind.Repair] = "維修",
            [DemandKind.Refund] = "退款",
            [DemandKind.Apology] = "道歉",
            [DemandKind.Compensation] = "賠償",
            [DemandKind.Other] = "其他",
        },
    };

    /// <summary>The demand in the customer's language, as read back to them: "compensation 800 CNY", "赔偿 800 CNY".</summary>
    public string In(string language)
    {
        var names = Names.GetValueOrDefault(SupportedLanguages.Normalise(language) ?? SupportedLanguages.English) ?? Names[SupportedLanguages.English];
        // "Other" says nothing read back: the customer's own words do.
        var kind = Kind == DemandKind.Other && Detail is not null ? Detail : names[Kind];
        var detail = Kind != DemandKind.Other && Detail is not null ? $" ({Detail})" : "";
        return AmountText is { } amount ? $"{kind} {amount}{detail}" : kind + detail;
    }
}

/// <summary>
/// The structured record of a complaint beside its free text (4W1H: 何时、何地、何人、何事、结果): where it happened,
/// which account or line it is about, when it began, and what the customer wants. Who is the contact and what is
/// the text; every field here is optional, because a customer may not know or say it.
/// </summary>
public sealed record ComplaintFacts
{
    /// <summary>Where it happened: a street address, a shop, a site.</summary>
    public string? Place { get; init; }

    /// <summary>The account, meter or phone line number the complaint is about, as the customer wrote it.</summary>
    public string? Account { get; init; }

    /// <summary>When the problem began (not when we were told).</summary>
    public DateTimeOffset? EventTime { get; init; }

    public CustomerDemand? Demand { get; init; }

    /// <summary>Names of the fields read from the message text rather than given as fields (<c>place</c>, <c>account</c>, <c>eventTime</c>).</summary>
    public IReadOnlyList<string> FoundInText { get; init; } = [];

    public bool IsEmpty => Place is null && Account is null && EventTime is null && Demand is null;

    /// <summary>Null when there is nothing to keep, so a complaint without a record stores nothing for it.</summary>
    public ComplaintFacts? OrNull() => IsEmpty ? null : this;
}
