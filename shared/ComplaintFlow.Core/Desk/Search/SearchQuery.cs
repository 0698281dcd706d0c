using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Core.Desk.Search;

public enum SearchSort
{
    Newest,
    Oldest,
}

/// <summary>
/// A search or a view of the desk: words to find (a reference, an email address, a phone number in any format, or
/// words of the name, subject and text) and filters. Without words it is a view: all open, resolved, or all
/// complaints, by owner, channel, priority or category. Every part is an index term, and a complaint matches when it
/// has them all.
/// </summary>
public sealed record SearchQuery
{
    public const int MaxTextLength = 200;

    public string? Text { get; init; }
    public SearchStatus Status { get; init; } = SearchStatus.All;
    public string? Owner { get; init; }

    /// <summary>Only complaints handed to this team (an id <see cref="TeamDirectory"/> knows).</summary>
    public string? Team { get; init; }

    /// <summary>Only complaints nobody owns (the owner filter then does not apply).</summary>
    public bool Unassigned { get; init; }
    public string? Channel { get; init; }
    public string? Priority { get; init; }
    public string? Category { get; init; }
    public SearchSort Sort { get; init; } = SearchSort.Newest;

    /// <summary>
    /// The index terms the query asks for, or the errors (in <paramref name="language"/>) that stop it. A phone number
    /// without country code is read in <paramref name="phoneRegion"/>, as intake reads one.
    /// </summary>
    public IReadOnlyList<string> Terms(string phoneRegion, string language, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var terms = new List<string>();
        var text = Text?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            if (text.Length > MaxTextLength)
            {
                errors.Add(new ValidationError("q", SearchMessages.Format(language, "too-long", MaxTextLength)));
            }
            else
            {
                terms.AddRange(TextTerms(text, phoneRegion));
                if (terms.Count == 0)
                {
                    errors.Add(new ValidationError("q", SearchMessages.Format(language, "no-words")));
                }
            }

            if (Sort == SearchSort.Oldest)
            {
                errors.Add(new ValidationError("sort", SearchMessages.Format(language, "sort-words")));
            }
        }

        if (Channel is { Length: > 0 } channel)
        {
            if (Enum.TryParse<Channel>(channel, ignoreCase: true, out var known) && !int.TryParse(channel, out _))
            {
                terms.Add(SearchTerms.Channel(known.ToString()));
            }
            else
            {
                errors.Add(new ValidationError("channel", SearchMessages.Format(language, "channel", string.Join(", ", Enum.GetNames<Channel>()))));
            }
        }

        if (Priority is { Length: > 0 } priority)
        {
            if (Enum.TryParse<Priority>(priority, ignoreCase: true, out var known) && Enum.IsDefined(known) && !int.TryParse(priority, out _))
            {
                terms.Add(SearchTerms.Priority(known.ToString()));
            }
            else
            {
                errors.Add(new ValidationError("priority", SearchMessages.Format(language, "priority")));
            }
        }

        if (Category is { Length: > 0 } category)
        {
            terms.Add(SearchTerms.Category(category));
        }

        if (Team is { Length: > 0 } team)
        {
            terms.Add(SearchTerms.Team(team));
        }

        if (Unassigned)
        {
            terms.Add(SearchTerms.Owner(null));
        }
        else if (Owner is { Length: > 0 } owner)
        {
            terms.Add(SearchTerms.Owner(owner));
        }

        if (Status != SearchStatus.All)
        {
            terms.Add(SearchTerms.Status(Status));
        }

        if (terms.Count == 0)
        {
            terms.Add(SearchTerms.All);
        }

        var distinct = terms.Distinct(StringComparer.Ordinal);
        return Sort == SearchSort.Oldest ? [.. distinct.Select(t => KeyOrder.OldestFirst + t)] : [.. distinct];
    }

    /// <summary>
    /// What was typed, as terms. The whole text is tried first as a reference, an email address and a phone number;
    /// otherwise each space-separated part that is one of those counts as it, and the rest are words.
    /// </summary>
    private static IEnumerable<string> TextTerms(string text, string phoneRegion)
    {
        if (Identifier(text, phoneRegion) is { } whole)
        {
            return [whole];
        }

        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(part => Identifier(part, phoneRegion) is { } one ? [one] : SearchTerms.Words(part))
            .Distinct(StringComparer.Ordinal);
    }

    private static string? Identifier(string text, string phoneRegion)
    {
        // A reference as customers write it (CF-XXXXX-XXXXX, any case, O for 0...). A bare ten-letter id counts only
        // with a digit in it: "complained" would otherwise read as an id and never find the word.
        if (ComplaintId.TryParse(text, out var id)
            && (text.TrimStart().StartsWith("CF", StringComparison.OrdinalIgnoreCase) || text.Any(char.IsAsciiDigit)))
        {
            return SearchTerms.Reference(id);
        }

        if (text.Contains('@', StringComparison.Ordinal) && ContactEmail.IsValid(text.ToLowerInvariant()))
        {
            return SearchTerms.Email(text);
        }

        return text.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.' or '\u00A0')
            ? SearchTerms.PhoneOfTyped(text, phoneRegion)
            : null;
    }
}

/// <summary>What the search says about a query it cannot run, in the desk's three languages.</summary>
public static class SearchMessages
{
    private static readonly Dictionary<string, Dictionary<string, string>> Messages = new()
    {
        [SupportedLanguages.English] = new()
        {
            ["too-long"] = "Search for at most {0} characters.",
            ["no-words"] = "Type a reference, phone number, email address, or a word of two or more letters.",
            ["sort-words"] = "Results of a search come newest first; oldest first is for the views without words.",
            ["channel"] = "Choose a channel: {0}.",
            ["priority"] = "Choose a priority: P1, P2, P3 or P4.",
            ["status"] = "Choose open, resolved or all.",
            ["sort"] = "Sort newest or oldest first.",
            ["take"] = "Ask for 1 to {0} rows.",
            ["continuation"] = "This continuation token is not valid; start the search again.",
        },
        [SupportedLanguages.SimplifiedChinese] = new()
        {
            ["too-long"] = "搜索内容不能超过 {0} 个字符。",
            ["no-words"] = "请输入投诉编号、电话、电子邮件地址，或至少两个字母的词语。",
            ["sort-words"] = "搜索结果按最新排序；最早优先只适用于不带关键词的视图。",
            ["channel"] = "请选择渠道：{0}。",
            ["priority"] = "请选择优先级：P1、P2、P3 或 P4。",
            ["status"] = "请选择处理中、已解决或全部。",
            ["sort"] = "请选择最新或最早优先。",
            ["take"] = "每页可显示 1 到 {0} 条。",
            ["continuation"] = "翻页标记无效，请重新搜索。",
        },
        [SupportedLanguages.TraditionalChinese] = new()
        {
            ["too-long"] = "搜尋內容不能超過 {0} 個字元。",
            ["no-words"] = "請輸入投訴編號、電話、電子郵件地址，或至少兩個字母的詞語。",
            ["sort-words"] = "搜尋結果按最新排序；最早優先只適用於不帶關鍵字的檢視。",
            ["channel"] = "請選擇渠道：{0}。",
            ["priority"] = "請選擇優先級：P1、P2、P3 或 P4。",
            ["status"] = "請選擇處理中、已解決或全部。",
            ["sort"] = "請選擇最新或最早優先。",
            ["take"] = "每頁可顯示 1 到 {0} 筆。",
            ["continuation"] = "翻頁標記無效，請重新搜尋。",
        },
    };

    public static string Format(string? language, string key, params object[] args) =>
        string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            (Messages.TryGetValue(language ?? string.Empty, out var table) ? table : Messages[SupportedLanguages.English])[key],
            args);
}
