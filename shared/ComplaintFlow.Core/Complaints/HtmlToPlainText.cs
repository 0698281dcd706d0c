using System.Text;
using AngleSharp.Dom;
using Ganss.Xss;

namespace ComplaintFlow.Core.Complaints;

/// <summary>
/// Turns an HTML mail body into plain text that is safe to show anywhere: the sanitizer's allow-list first removes
/// scripts, styles and other content no reader sees, then only text nodes are kept. Paragraphs and line breaks become
/// new lines and quoted blocks become '&gt; ' lines, so the reply extractor treats them like plain-text quotes. The one
/// HTML-to-text of the app, in the kernel so every stage reads HTML alike: inbound email and triage. A tag-skipping
/// stripper read <c>&lt;img alt="5 &gt; 3"&gt;</c> as ending at the first '&gt;' and scored title text no reader sees.
/// </summary>
public static class HtmlToPlainText
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "table", "tr", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "dl", "dt", "dd", "address", "figure", "figcaption", "center",
    };

    public static string Convert(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var sanitizer = new HtmlSanitizer();
        using var document = sanitizer.SanitizeDom(html);
        var text = new StringBuilder();
        if (document.Body is { } body)
        {
            Write(body, text, preformatted: false);
        }

        return Tidy(text.ToString());
    }

    private static void Write(INode node, StringBuilder text, bool preformatted)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    AppendText(text, t.Data, preformatted);
                    break;
                case IElement { LocalName: "br" }:
                    text.Append('\n');
                    break;
                case IElement { LocalName: "blockquote" } quote:
                    var inner = new StringBuilder();
                    Write(quote, inner, preformatted);
                    EnsureLineStart(text);
                    foreach (var line in Tidy(inner.ToString()).Split('\n'))
                    {
                        text.Append("> ").Append(line).Append('\n');
                    }

                    break;
                case IElement element:
                    var block = BlockElements.Contains(element.LocalName);
                    if (block)
                    {
                        EnsureLineStart(text);
                    }

                    if (element.LocalName == "li")
                    {
                        text.Append("- ");
                    }

                    Write(element, text, preformatted || element.LocalName == "pre");
                    if (block)
                    {
                        EnsureLineStart(text);
                    }

                    break;
            }
        }
    }

    private static void AppendText(StringBuilder text, string data, bool preformatted)
    {
        if (preformatted)
        {
            text.Append(data);
            return;
        }

        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c) && c != '\u3000')
            {
                if (text.Length > 0 && text[^1] is not (' ' or '\n'))
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c);
            }
        }
    }

    private static void EnsureLineStart(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
    }

    /// <summary>Trims each line and keeps at most one blank line in a row.</summary>
    private static string Tidy(string text)
    {
        var lines = new List<string>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim(' ', '\t', '\u00a0');
            if (line.Length == 0 && (lines.Count == 0 || lines[^1].Length == 0))
            {
                continue;
            }

            lines.Add(line);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join('\n', lines);
    }
}
