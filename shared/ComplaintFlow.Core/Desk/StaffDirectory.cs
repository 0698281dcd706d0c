namespace ComplaintFlow.Core.Desk;

/// <summary>A member of staff the desk knows: listed in settings, or seen signing in.</summary>
public sealed record KnownStaff(string Id, string Name, bool IsSupervisor, DateTimeOffset? LastSeen, bool Listed);

/// <summary>Staff recorded when they sign in to the desk (port; Azure Table <c>Staff</c>).</summary>
public interface IStaffStore
{
    /// <summary>Records (or refreshes) a signed-in member of staff; safe to repeat.</summary>
    Task RecordAsync(StaffMember staff, DateTimeOffset seenAt, CancellationToken cancellationToken);

    Task<IReadOnlyList<KnownStaff>> ListAsync(CancellationToken cancellationToken);

    Task<KnownStaff?> FindAsync(string id, CancellationToken cancellationToken);
}

/// <summary>
/// Who a complaint can be assigned to: the people listed in <c>ComplaintFlow:Portal:Staff</c>, the members of the
/// desk's teams (<c>ComplaintFlow:Portal:Teams</c>) and everyone who has signed in to the desk. Assigning to anyone else is refused, so a typo cannot make a complaint vanish from every
/// queue.
/// </summary>
public sealed class StaffDirectory(IStaffStore store, PortalOptions options)
{
    public Task RecordSignInAsync(StaffMember staff, DateTimeOffset at, CancellationToken cancellationToken) =>
        store.RecordAsync(staff, at, cancellationToken);

    public async Task<IReadOnlyList<KnownStaff>> AllAsync(CancellationToken cancellationToken)
    {
        var seen = (await store.ListAsync(cancellationToken)).ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
        foreach (var id in Listed())
        {
            seen[id] = seen.TryGetValue(id, out var known) ? known with { Listed = true } : new KnownStaff(id, id, false, null, Listed: true);
        }

        return [.. seen.Values.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The known member of staff with this id (ids compare without case), or null.</summary>
    public async Task<KnownStaff?> FindAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var trimmed = id.Trim();
        var listed = Listed().FirstOrDefault(s => string.Equals(s, trimmed, StringComparison.OrdinalIgnoreCase));
        var seen = await store.FindAsync(trimmed, cancellationToken);
        return seen is not null ? seen with { Listed = listed is not null }
            : listed is not null ? new KnownStaff(listed, listed, false, null, Listed: true)
            : null;
    }

    /// <summary>Staff named in settings: the staff list and every team's members.</summary>
    private IEnumerable<string> Listed() =>
        options.Staff.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim())
            .Concat(new TeamDirectory(options).Members)
            .Distinct(StringComparer.OrdinalIgnoreCase);
}
