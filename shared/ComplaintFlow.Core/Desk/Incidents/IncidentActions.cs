using System.Security.Cryptography;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Desk.Incidents;

/// <summary>What became of an action on an incident: the incident as saved, or why nothing was saved.</summary>
public sealed record IncidentActionResult(VersionedIncident? Saved, DeskRefusal? Refusal = null, bool NotFound = false);

/// <summary>
/// Runs the incident actions against storage: the decisions are <see cref="IncidentDesk"/>'s. An update or a
/// resolution is saved on the incident and put on the <c>incidents</c> queue; the queue handler
/// (<see cref="HandleAsync"/>) fans it out to one message per linked complaint, and each of those changes one
/// complaint, so hundreds of linked complaints never run in one HTTP request and every step is safe to repeat.
/// </summary>
public sealed class IncidentActions(
    IIncidentStore incidents,
    IComplaintStore complaints,
    IncidentDesk desk,
    DeskActions actions,
    Notices notices,
    IMessageQueue queue,
    TimeProvider time)
{
    public async Task<IncidentActionResult> OpenAsync(IncidentInput input, StaffMember staff, CancellationToken cancellationToken)
    {
        Incident incident;
        try
        {
            incident = desk.Open(NewId(), input, staff, time.GetUtcNow());
        }
        catch (DeskRefusal refusal)
        {
            return new(null, refusal);
        }

        await incidents.TryCreateAsync(incident, cancellationToken);
        return new(await incidents.FindAsync(incident.Id, cancellationToken));
    }

    /// <summary>Opens an incident from a complaint and links the complaint to it (<see cref="IncidentDesk.OpenFrom"/>).</summary>
    public async Task<(IncidentActionResult Incident, DeskActionResult? Complaint)> OpenFromAsync(
        string complaintId, string seenVersion, string? seenSequence, IncidentInput input, StaffMember staff, string? traceParent, CancellationToken cancellationToken)
    {
        if (!ComplaintId.TryParse(complaintId, out var id) || await complaints.FindAsync(id, cancellationToken) is not { } found)
        {
            return (new(null, NotFound: true), null);
        }

        Incident incident;
        try
        {
            incident = desk.OpenFrom(found.Complaint, NewId(), input, staff, time.GetUtcNow());
        }
        catch (DeskRefusal refusal)
        {
            return (new(null, refusal), null);
        }

        await incidents.TryCreateAsync(incident, cancellationToken);
        var linked = await LinkAsync(id, seenVersion, seenSequence, staff, _ => incident.Id, traceParent, cancellationToken);
        return (new(await incidents.FindAsync(incident.Id, cancellationToken)), linked);
    }

    /// <summary>
    /// Links a complaint to the incident <paramref name="incidentOf"/> names (given, or the suggestion's), against
    /// the version the page read, then keeps the incident's index in step. An unknown incident is refused as such.
    /// </summary>
    public async Task<DeskActionResult> LinkAsync(
        string complaintId, string seenVersion, string? seenSequence, StaffMember staff, Func<Complaint, string?> incidentOf, string? traceParent, CancellationToken cancellationToken)
    {
        if (!ComplaintId.TryParse(complaintId, out var id) || await complaints.FindAsync(id, cancellationToken) is not { } current)
        {
            return new(DeskActionOutcome.NotFound);
        }

        string? wanted;
        try
        {
            wanted = incidentOf(current.Complaint);
        }
        catch (DeskRefusal refusal)
        {
            return new(DeskActionOutcome.Refused) { Refusal = refusal };
        }

        if (wanted is null || await incidents.FindAsync(wanted, cancellationToken) is not { } incident)
        {
            return new(DeskActionOutcome.Refused) { Refusal = new DeskRefusal(RefusalKind.Invalid, [IncidentMessages.Error(staff, "incident", "unknown-incident", wanted ?? "")]) };
        }

        string? previous = null;
        var result = await actions.RunAsync(id, seenVersion, seenSequence, staff, (c, who, now) =>
        {
            previous = c.IncidentId;
            return desk.Link(c, incident.Incident, who, now);
        }, traceParent, cancellationToken);
        await IndexAsync(result, previous, cancellationToken);
        return result;
    }

    public async Task<DeskActionResult> UnlinkAsync(
        string complaintId, string seenVersion, string? seenSequence, StaffMember staff, string? reason, string? traceParent, CancellationToken cancellationToken)
    {
        string? previous = null;
        var result = await actions.RunAsync(complaintId, seenVersion, seenSequence, staff, (c, who, now) =>
        {
            previous = c.IncidentId;
            return desk.Unlink(c, who, reason, now);
        }, traceParent, cancellationToken);
        await IndexAsync(result, previous, cancellationToken);
        return result;
    }

    public Task<IncidentActionResult> PostUpdateAsync(string incidentId, IncidentUpdateInput input, StaffMember staff, string? traceParent, CancellationToken cancellationToken) =>
        ChangeAsync(incidentId, (i, now) => desk.PostUpdate(i, input, staff, now), saved => saved.Updates[^1].Id, traceParent, cancellationToken);

    public Task<IncidentActionResult> ResolveAsync(string incidentId, IncidentResolutionInput input, StaffMember staff, string? traceParent, CancellationToken cancellationToken) =>
        ChangeAsync(incidentId, (i, now) => desk.Resolve(i, input, staff, now), _ => IncidentMessage.Resolution, traceParent, cancellationToken);

    /// <summary>
    /// The <c>incidents</c> queue: a message without a complaint fans out to one message per linked complaint; one
    /// with a complaint asks for that customer's update notice, or resolves the complaint. Delivered twice, the
    /// fan-out sends the same messages again and each complaint's step finds its work done.
    /// </summary>
    public async Task HandleAsync(IncidentMessage message, CancellationToken cancellationToken)
    {
        if (await incidents.FindAsync(message.IncidentId, cancellationToken) is not { } found)
        {
            return;
        }

        var incident = found.Incident;
        if (message.ComplaintId is null)
        {
            foreach (var link in await incidents.LinksAsync(incident.Id, cancellationToken))
            {
                await queue.SendAsync(QueueNames.Incidents, message with { ComplaintId = link.ComplaintId }, cancellationToken);
            }

            return;
        }

        Func<Complaint, ComplaintChange?> decide;
        if (message.Step == IncidentMessage.Resolution)
        {
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            decide = c => desk.ResolveLinked(c, incident, token, time.GetUtcNow());
        }
        else if (incident.Updates.FirstOrDefault(u => u.Id == message.Step) is { } update)
        {
            decide = c => IncidentDesk.NoticeOf(c, incident, update, time.GetUtcNow());
        }
        else
        {
            return;
        }

        var saved = await complaints.UpdateAsync(message.ComplaintId, decide, cancellationToken);
        if (saved is not null)
        {
            await notices.QueueUnsettledAsync(saved.Complaint, n => n.Status == NotificationStatus.Pending && n.Kind is NotificationKind.Incident or NotificationKind.Resolution, message.TraceParent, cancellationToken);
        }
    }

    private async Task<IncidentActionResult> ChangeAsync(
        string incidentId, Func<Incident, DateTimeOffset, Incident> decide, Func<Incident, string> step, string? traceParent, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await incidents.FindAsync(incidentId, cancellationToken) is not { } current)
            {
                return new(null, NotFound: true);
            }

            Incident changed;
            try
            {
                changed = decide(current.Incident, time.GetUtcNow());
            }
            catch (DeskRefusal refusal)
            {
                return new(null, refusal);
            }

            try
            {
                var saved = await incidents.SaveAsync(changed, current.Version, cancellationToken);
                await queue.SendAsync(QueueNames.Incidents, new IncidentMessage(incidentId, step(changed)) { TraceParent = traceParent }, cancellationToken);
                return new(saved);
            }
            catch (IncidentConflictException) when (attempt < 5)
            {
                // Another supervisor posted at the same moment: decide again on what they wrote.
            }
        }
    }

    /// <summary>The index follows the saved complaint: a row for the incident it is linked to, none for the one it left.</summary>
    private async Task IndexAsync(DeskActionResult result, string? previous, CancellationToken cancellationToken)
    {
        if (result.Saved?.Complaint is not { } saved)
        {
            return;
        }

        if (previous is not null && previous != saved.IncidentId)
        {
            await incidents.RemoveLinkAsync(previous, saved.Id, cancellationToken);
        }

        if (saved.IncidentId is { } linked)
        {
            await incidents.IndexLinkAsync(linked, new IncidentLink(saved.Id, saved.ReceivedAt), cancellationToken);
        }
    }

    private string NewId() => $"inc-{time.GetUtcNow():yyyyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
}
