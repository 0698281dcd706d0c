using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// The desk's word list (portal/js/desk-i18n.js) is one object literal keyed by the English text. A key written twice
/// is legal JavaScript and silently keeps the last translation, so a page added later changes the words of every
/// other page that uses the same English (once "Received at" on the complaint page turned from 受理时间 into the held
/// mail page's 接收时间). Every key is written once, with both Chinese forms.
/// </summary>
public sealed partial class DeskWordsTests
{
    [Fact]
    public void Every_english_key_is_translated_once_into_simplified_and_traditional_chinese()
    {
        var source = Repository.Read("functions", "ComplaintFlow.Functions", "wwwroot", "portal", "js", "desk-i18n.js");
        var start = source.IndexOf("const words = {", StringComparison.Ordinal);
        var end = source.IndexOf("\n  };", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "desk-i18n.js declares its words as `const words = { ... };`");
        var entries = Entry().Matches(source[start..end]).Select(m => (Key: m.Groups["key"].Value, Hans: m.Groups["hans"].Value, Hant: m.Groups["hant"].Value)).ToList();

        Assert.True(entries.Count > 300, $"found only {entries.Count} entries: the pattern no longer matches the file");
        Assert.Empty(entries.GroupBy(e => e.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(entries.Where(e => e.Hans.Length == 0 || e.Hant.Length == 0).Select(e => e.Key));
    }

    [GeneratedRegex("""(?<![\w"])"(?<key>(?:[^"\\]|\\.)+)"\s*:\s*\[\s*"(?<hans>(?:[^"\\]|\\.)*)"\s*,\s*"(?<hant>(?:[^"\\]|\\.)*)"\s*\]""")]
    private static partial Regex Entry();
}
