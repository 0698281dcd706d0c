using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// The README is an index into docs/: every relative link in every Markdown file of the repository leads to a file
/// that exists, and a link to a heading (<c>page.md#anchor</c>) to a heading that exists, as GitHub names anchors.
/// </summary>
public sealed partial class MarkdownLinkTests
{
    private static readonly string[] Skipped = ["node_modules", "bin", "obj", "TestResults", ".git", "reports", ".azurite", ".local"];

    public static TheoryData<string> MarkdownFiles() =>
    [
        .. Directory.EnumerateFiles(Repository.Root, "*.md", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(Repository.Root, path).Split(Path.DirectorySeparatorChar).Any(Skipped.Contains))
            .Select(path => Path.GetRelativePath(Repository.Root, path))
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void Every_relative_link_leads_to_a_file_and_heading_that_exist(string file)
    {
        var path = Repository.PathOf(file);
        var broken = new List<string>();
        foreach (Match link in Link().Matches(WithoutCode(File.ReadAllText(path))))
        {
            var target = link.Groups["target"].Value;
            if (Uri.TryCreate(target, UriKind.Absolute, out _) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var (page, fragment) = target.IndexOf('#') is var hash and >= 0 ? (target[..hash], target[(hash + 1)..]) : (target, null);
            var destination = page.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(page)));
            if (!destination.StartsWith(Repository.Root, StringComparison.Ordinal))
            {
                broken.Add($"{target} (outside the repository)");
            }
            else if (!File.Exists(destination) && !Directory.Exists(destination))
            {
                broken.Add($"{target} (no such file)");
            }
            else if (fragment is { Length: > 0 } && destination.EndsWith(".md", StringComparison.Ordinal) && !Anchors(destination).Contains(fragment))
            {
                broken.Add($"{target} (no such heading)");
            }
        }

        Assert.True(broken.Count == 0, $"{file}: {string.Join("; ", broken)}");
    }

    [Fact]
    public void The_README_is_an_index_of_at_most_250_lines_that_links_every_guide_in_docs()
    {
        var readme = Repository.Read("README.md");
        Assert.True(readme.Split('\n').Length <= 250, $"README.md has {readme.Split('\n').Length} lines");
        foreach (var guide in Directory.EnumerateFiles(Repository.PathOf("docs"), "*.md"))
        {
            Assert.Contains($"(docs/{Path.GetFileName(guide)}", readme, StringComparison.Ordinal);
        }
    }

    /// <summary>GitHub's anchors: the heading in lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Anchors(string markdown) =>
    [
        .. Heading().Matches(WithoutCode(File.ReadAllText(markdown)))
            .Select(h => Punctuation().Replace(h.Groups["text"].Value.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-')),
    ];

    private static string WithoutCode(string markdown) => Fence().Replace(InlineCode().Replace(markdown, string.Empty), string.Empty);

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6} (?<text>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();
}
