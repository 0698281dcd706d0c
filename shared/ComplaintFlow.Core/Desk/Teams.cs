using System.Text.RegularExpressions;

namespace ComplaintFlow.Core.Desk;

/// <summary><c>ComplaintFlow:Portal:Teams:{id}</c>: a team of the desk, with its members.</summary>
public sealed class TeamOptions
{
    /// <summary>What the desk calls the team (e.g. "Billing", "计费组"); the id when empty.</summary>
    public string? Name { get; set; }

    /// <summary>User ids of its members, as the identity provider names them; each is a known member of staff.</summary>
    public IList<string> Members { get; set; } = [];
}

/// <summary>A team as the desk shows it: complaints handed to it wait in its queue until a member takes one.</summary>
public sealed record Team(string Id, string Name, IReadOnlyList<string> Members);

/// <summary>
/// The desk's teams, from <c>ComplaintFlow:Portal:Teams</c>. Ids compare without case and are written as configured,
/// so <c>Billing</c> and <c>billing</c> are one team and one queue; a name nobody configured is refused, so a
/// complaint handed to a misspelt team cannot vanish into a queue no one reads.
/// </summary>
public sealed partial class TeamDirectory(PortalOptions options)
{
    public const int MaxNameLength = 100;

    public IReadOnlyList<Team> All =>
        [.. options.Teams.Select(t => Of(t.Key, t.Value)).OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The team with this id (any case), or null.</summary>
    public Team? Find(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null
        : options.Teams.FirstOrDefault(t => string.Equals(t.Key, id.Trim(), StringComparison.OrdinalIgnoreCase)) is { Key: not null } found
            ? Of(found.Key, found.Value)
            : null;

    /// <summary>The teams a member of staff belongs to.</summary>
    public IReadOnlyList<Team> TeamsOf(string? staffId) =>
        string.IsNullOrWhiteSpace(staffId) ? [] : [.. All.Where(t => IsMember(t, staffId))];

    public static bool IsMember(Team team, string? staffId)
    {
        ArgumentNullException.ThrowIfNull(team);
        return staffId is not null && team.Members.Contains(staffId.Trim(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every team member, for the staff directory: they can be assigned before they ever sign in.</summary>
    public IEnumerable<string> Members => All.SelectMany(t => t.Members).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>What is wrong with the teams' settings, each naming its key; checked at start.</summary>
    public static IReadOnlyList<string> Problems(PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        foreach (var (id, team) in options.Teams)
        {
            var key = $"{PortalOptions.Section}:Teams:{id}";
            if (!IdPattern().IsMatch(id))
            {
                problems.Add($"{key}: a team id is 1 to 40 letters, digits, '-' or '_', starting with a letter or digit.");
            }

            if (team.Name is { Length: > MaxNameLength })
            {
                problems.Add($"{key}:Name is longer than {MaxNameLength} characters.");
            }

            if (team.Members.Count == 0)
            {
                problems.Add($"{key}:Members lists nobody: a team needs at least one member to work its queue.");
            }

            for (var i = 0; i < team.Members.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(team.Members[i]) || team.Members[i].Trim().Length > 200)
                {
                    problems.Add($"{key}:Members:{i} must be a user id of 1 to 200 characters.");
                }
            }
        }

        return problems;
    }

    private static Team Of(string id, TeamOptions team) =>
        new(id, string.IsNullOrWhiteSpace(team.Name) ? id : team.Name.Trim(), [.. team.Members.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim())]);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
