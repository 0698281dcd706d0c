using System.Collections.Concurrent;
using ComplaintFlow.Core.Desk;

namespace ComplaintFlow.Testing.InMemory;

/// <summary><see cref="IStaffStore"/> as the Table <c>Staff</c> keeps it: one row per id, ids compared without case.</summary>
public sealed class InMemoryStaffStore : IStaffStore
{
    private readonly ConcurrentDictionary<string, KnownStaff> _staff = new(StringComparer.OrdinalIgnoreCase);

    public Task RecordAsync(StaffMember staff, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        _staff[staff.Id] = new KnownStaff(staff.Id, staff.Name, staff.IsSupervisor, seenAt, Listed: false);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<KnownStaff>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KnownStaff>>([.. _staff.Values]);

    public Task<KnownStaff?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_staff.TryGetValue(id, out var found) ? found : null);
}
