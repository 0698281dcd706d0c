using System.Globalization;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;
using PhoneNumbers;

namespace ComplaintFlow.Core.Desk.Search;

/// <summary>
/// One row of the search index: a term and a key that sorts the term's complaints. Keys of one order are
/// <c>{ticks:D19}|{complaintId}</c>, so a term's rows read in key order come newest first (or, for the <c>~</c> terms,
/// oldest first) and every list of keys can be merged with every other of the same order.
/// </summary>
public sealed record SearchEntry(string Term, string Key)
{
    public string ComplaintId => KeyOrder.ComplaintIdOf(Key);
}

/// <summary>The two orders of index keys.</summary>
public static class KeyOrder
{
    /// <summary>Prefix of a term whose rows are keyed oldest first (the views' "oldest first" sort).</summary>
    public const string OldestFirst = "~";

    public static string Newest(Complaint complaint) =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - complaint.ReceivedAt.UtcTicks:D19}|{complaint.Id}");

    public static string Oldest(Complaint complaint) =>
        string.Create(CultureInfo.InvariantCulture, $"{complaint.ReceivedAt.UtcTicks:D19}|{complaint.Id}");

    public static string ComplaintIdOf(string key) => key[(key.IndexOf('|', StringComparison.Ordinal) + 1)..];
}

/// <summary>
/// What the search index holds for a complaint, and how a query is read into the same terms. Terms:
/// <list type="bullet">
/// <item><c>r:{id}</c> the reference;</item>
/// <item><c>e:{address}</c> the email address, lower case;</item>
/// <item><c>p:{national number}</c> the phone number's national significant number by libphonenumber (what is left
/// of "+86 138 1234 5678", "138-1234-5678" or "0086 13812345678" is the same), so a number typed in any format, with
/// or without country code or trunk prefix, finds it;</item>
/// <item><c>w:{word}</c> words of the name, subject and text: text folded as triage folds it (lower case, full-width
/// to ASCII, traditional to simplified Chinese), English words of two or more letters or digits (a plural
/// <c>s</c> dropped, common words left out), Chinese as overlapping character bigrams (a lone character as
/// itself), so "退款" finds "申请退款很久" and a traditional-Chinese query finds simplified text;</item>
/// <item>facets the views filter on: <c>all</c>, <c>s:open|resolved</c>, <c>o:{owner}</c> (<c>o:</c> when
/// nobody), <c>c:{channel}</c>, <c>pr:{priority}</c>, <c>cat:{category}</c>, each also written oldest first
/// (<c>~</c> prefix) so the views sort both ways.</item>
/// </list>
/// An erased complaint keeps only its reference and facets: nothing the customer wrote or that identifies them.
/// </summary>
public static class SearchTerms
{
    /// <summary>
    /// Word terms kept per complaint, in the order they appear (subject, name, text). Each is one storage row, so a
    /// 4 KB complaint has at most this many word rows; words past the cap are not searchable. 180 keeps every
    /// complaint's rows (with the reference, email, phone and at most 14 facet rows) within two transactions of 100
    /// (<c>TableSearchIndex</c>); a complaint of up to about 80 distinct words fits in one.
    /// </summary>
    public const int MaxWordTerms = 180;

    private const int MaxWordLength = 40;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he", "her", "his",
        "i", "in", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "so", "that", "the", "their",
        "them", "there", "they", "thi", "to", "was", "we", "were", "what", "when", "which", "will", "with",
        "you", "your",
    };

    /// <summary>Every index row the complaint should have now.</summary>
    public static IReadOnlySet<SearchEntry> EntriesFor(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var newest = KeyOrder.Newest(complaint);
        var oldest = KeyOrder.Oldest(complaint);
        var entries = new HashSet<SearchEntry> { new(Reference(complaint.Id), newest) };
        foreach (var facet in Facets(complaint))
        {
            entries.Add(new SearchEntry(facet, newest));
            entries.Add(new SearchEntry(KeyOrder.OldestFirst + facet, oldest));
        }

        if (complaint.ErasedAt is not null)
        {
            return entries;
        }

        if (complaint.Contact.Email is { Length: > 0 } email)
        {
            entries.Add(new SearchEntry(Email(email), newest));
        }

        if (PhoneOfStored(complaint.Contact.Phone) is { } phone)
        {
            entries.Add(new SearchEntry(phone, newest));
        }

        var words = Words(complaint.Subject).Concat(Words(complaint.Contact.Name)).Concat(Words(complaint.Text)).Distinct(StringComparer.Ordinal).Take(MaxWordTerms);
        foreach (var word in words)
        {
            entries.Add(new SearchEntry(word, newest));
        }

        return entries;
    }

    /// <summary>The facets of a complaint, newest-first form (see <see cref="SearchTerms"/>).</summary>
    public static IEnumerable<string> Facets(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        yield return All;
        yield return Status(IsOpen(complaint.Status) ? SearchStatus.Open : SearchStatus.Resolved);
        yield return Owner(complaint.Owner);
        if (complaint.Team is { } team)
        {
            yield return Team(team);
        }

        yield return Channel(complaint.Channel.ToString());
        if (complaint.Triage is { } triage)
        {
            yield return Priority(triage.Priority.ToString());
            yield return Category(triage.PrimaryCategory);
        }
    }

    public const string All = "all";

    public static bool IsOpen(ComplaintStatus status) => status is not (ComplaintStatus.Resolved or ComplaintStatus.Closed);

    public static string Reference(string id) => "r:" + id;

    public static string Email(string email) => "e:" + email.Trim().ToLowerInvariant();

    public static string Status(SearchStatus status) => status == SearchStatus.Open ? "s:open" : "s:resolved";

    public static string Owner(string? owner) => "o:" + (owner?.Trim().ToLowerInvariant() ?? string.Empty);

    public static string Team(string team) => "t:" + team.Trim().ToLowerInvariant();

    public static string Channel(string channel) => "c:" + channel.ToLowerInvariant();

    public static string Priority(string priority) => "pr:" + priority.ToLowerInvariant();

    public static string Category(string category) => "cat:" + category.Trim().ToLowerInvariant();

    /// <summary>The phone term of a stored E.164 number.</summary>
    public static string? PhoneOfStored(string? e164)
    {
        if (string.IsNullOrWhiteSpace(e164))
        {
            return null;
        }

        try
        {
            return "p:" + Phones.GetNationalSignificantNumber(Phones.Parse(e164, "ZZ"));
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// The phone term of a number as staff type it: read by libphonenumber in <paramref name="region"/> (as intake
    /// reads it), so "+44 7911 123456", "07911 123456" and "7911123456" give the same term; a number libphonenumber
    /// cannot place gives its digits without leading zeros (a national number with its trunk prefix, or an
    /// international one with its 00, comes out the same as stored).
    /// </summary>
    public static string? PhoneOfTyped(string text, string region)
    {
        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        if (digits.Length < 6)
        {
            return null;
        }

        if (ContactPhone.ToE164(text, region, acceptFictional: true) is { } e164)
        {
            return PhoneOfStored(e164);
        }

        var national = digits.TrimStart('0');
        return national.Length >= 6 ? "p:" + national : null;
    }

    /// <summary>The word terms of a text (see <see cref="SearchTerms"/>), in the order they first appear.</summary>
    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        var folded = TextFold.Fold(text);
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (IsCjk(c))
            {
                var start = i;
                while (i < folded.Length && IsCjk(folded[i]))
                {
                    i++;
                }

                if (i - start == 1)
                {
                    yield return "w:" + folded[start];
                    continue;
                }

                for (var k = start; k + 1 < i; k++)
                {
                    yield return "w:" + folded.Substring(k, 2);
                }
            }
            else if (char.IsLetterOrDigit(c))
            {
                var start = i;
                while (i < folded.Length && char.IsLetterOrDigit(folded[i]) && !IsCjk(folded[i]))
                {
                    i++;
                }

                if (Word(folded[start..i]) is { } word)
                {
                    yield return "w:" + word;
                }
            }
            else
            {
                i++;
            }
        }
    }

    private static string? Word(string run)
    {
        var word = run.Length > MaxWordLength ? run[..MaxWordLength] : run;

        // A light stem so "refunds" finds "refund": a final s goes (not ss), on both sides of the search alike.
        if (word.Length > 3 && word[^1] == 's' && word[^2] != 's')
        {
            word = word[..^1];
        }

        return word.Length < 2 || StopWords.Contains(word) ? null : word;
    }

    /// <summary>Chinese characters (with Japanese kana and Korean syllables): no spaces between words, so bigrams.</summary>
    private static bool IsCjk(char c) =>
        c is (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF')
            or (>= '\u3040' and <= '\u30FF') or (>= '\uAC00' and <= '\uD7AF');
}

public enum SearchStatus
{
    All,
    Open,
    Resolved,
}
