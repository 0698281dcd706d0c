using System.IO.Compression;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify;
using ComplaintFlow.Core.Notify.Sms;

namespace ComplaintFlow.Core.Desk.DataRights;

/// <summary>One complaint of a contact, as the data rights page lists it.</summary>
public sealed record ContactComplaint(string Id, string Reference, string Channel, string Status, DateTimeOffset ReceivedAt);

/// <summary>What an erasure did: the complaints it erased now, and those it found already erased (a retry).</summary>
public sealed record ErasureReport(IReadOnlyList<string> Erased, IReadOnlyList<string> AlreadyErased);

/// <summary>
/// Data subject requests for one contact (GDPR Art. 15 and 17, PIPL Art. 45 and 47): find their complaints through
/// the <c>Contacts</c> index (no scan), export everything held about them, or erase it. Both are recorded in each
/// complaint's history with who did it and nothing about the person.
/// </summary>
public sealed class ContactDataRights(
    IComplaintStore complaints,
    IComplaintRedaction redaction,
    IContactDirectory directory,
    IPayloadArchive payloads,
    ISmsRecords sms,
    IContactFlagStore flags,
    NotificationComposer composer,
    SmsComposer smsComposer,
    TimeProvider time)
{
    public const string ExportFormat = "complaintflow-contact-export/1";
    private const int SaveAttempts = 10;

    /// <summary>The contact's complaints still holding their data, newest first.</summary>
    public async Task<IReadOnlyList<ContactComplaint>> FindAsync(ContactIdentity identity, CancellationToken cancellationToken) =>
        [.. (await HeldAsync(identity, cancellationToken))
            .Select(v => v.Complaint)
            .OrderByDescending(c => c.ReceivedAt)
            .Select(c => new ContactComplaint(c.Id, c.Reference, c.Channel.ToString(), c.Status.ToString(), c.ReceivedAt))];

    /// <summary>
    /// Writes the ZIP described in the README ("Data rights: export and erasure") and records an <c>exported</c> event
    /// on every complaint in it. The archive is built in full before any event is written, so a failed export
    /// records nothing.
    /// </summary>
    public async Task<byte[]> ExportAsync(ContactIdentity identity, StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(staff);
        var now = time.GetUtcNow();
        var held = await HeldAsync(identity, cancellationToken);
        var missing = new List<string>();
        var listed = new List<object>();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var complaint in held.Select(v => v.Complaint).OrderBy(c => c.ReceivedAt))
            {
                var folder = $"complaints/{complaint.Id}/";
                var files = new List<string> { folder + "complaint.json", folder + "history.json", folder + "notifications.json" };
                Json(zip, files[0], complaint);
                Json(zip, files[1], await complaints.GetHistoryAsync(complaint.Id, cancellationToken));
                Json(zip, files[2], complaint.Notifications.Select(n => new { notification = n, composed = Composed(complaint, n) }));
                foreach (var name in ComplaintErasure.PayloadsOf(complaint))
                {
                    if (await payloads.ReadAsync(name, cancellationToken) is { } payload)
                    {
                        files.Add(Entry(zip, $"{folder}blobs/{name}", payload.Content));
                    }
                    else
                    {
                        missing.Add(name);
                    }
                }

                listed.Add(new { id = complaint.Id, reference = complaint.Reference, files });
            }

            var phones = held.Select(v => v.Complaint.Contact.Phone).Append(identity.Phone).OfType<string>().Distinct(StringComparer.Ordinal);
            var smsRows = new List<object>();
            foreach (var phone in phones)
            {
                smsRows.Add(new { phone, rows = await sms.RowsForAsync(phone, cancellationToken) });
            }

            Json(zip, "sms.json", smsRows);
            // Supervisors' flags on the person (difficult-contact handling plans): held about them, so theirs to see.
            Json(zip, "flags.json", await flags.ForAsync(identity.AsContact(), cancellationToken));
            Json(zip, "manifest.json", new
            {
                format = ExportFormat,
                contact = new { email = identity.Email, phone = identity.Phone },
                exportedAt = now,
                exportedBy = staff.Id,
                complaints = listed,
                missingPayloads = missing,
            });
        }

        foreach (var complaint in held)
        {
            await complaints.UpdateAsync(
                complaint.Complaint.Id,
                c => c.Change(time.GetUtcNow()).Record(EventTypes.Exported, staff.Id, new Dictionary<string, string> { ["format"] = ExportFormat }),
                cancellationToken);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Erases every complaint of the contact. Per complaint, in this order: payloads deleted, the SMS thread row and
    /// the index rows of the complaint's other identities removed, then the anonymised state written with its
    /// <c>erased</c> event and rewritten history in one transaction (ETag-guarded: a concurrent edit makes it decide
    /// again), and last the index row of the identity asked for. Until that last row goes, the same request finds the
    /// complaint again, so a retry after a failure anywhere completes the erasure; erasing twice changes nothing.
    /// </summary>
    public async Task<ErasureReport> EraseAsync(ContactIdentity identity, StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(staff);
        var asked = identity.AsContact();
        var erased = new List<string>();
        var already = new List<string>();
        await flags.ForgetAsync(asked, cancellationToken);
        foreach (var id in await directory.ComplaintIdsAsync(asked, cancellationToken))
        {
            if (await EraseOneAsync(id, identity, staff, cancellationToken) is { } wasHeld)
            {
                (wasHeld ? erased : already).Add(id);
            }

            await directory.ForgetAsync(asked, id, cancellationToken);
        }

        return new ErasureReport(erased, already);
    }

    /// <returns>True when erased now, false when it was already erased, null when the complaint does not exist.</returns>
    private async Task<bool?> EraseOneAsync(string id, ContactIdentity identity, StaffMember staff, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await complaints.FindAsync(id, cancellationToken) is not { } current)
            {
                return null;
            }

            var complaint = current.Complaint;
            var history = await complaints.GetHistoryAsync(id, cancellationToken);
            if (ComplaintErasure.Plan(complaint, history, staff.Id, time.GetUtcNow()) is not { } plan)
            {
                return false;
            }

            var names = new HashSet<string>(plan.Payloads, StringComparer.Ordinal);
            foreach (var folder in ComplaintErasure.PayloadFolders(complaint))
            {
                names.UnionWith(await payloads.NamesUnderAsync(folder, cancellationToken));
            }

            foreach (var name in names)
            {
                await payloads.DeleteAsync(name, cancellationToken);
            }

            // Flags on the person go with their data (under every identity the complaint gave; idempotent).
            await flags.ForgetAsync(complaint.Contact, cancellationToken);
            if (complaint.Contact.Phone is { } phone)
            {
                await sms.ForgetThreadAsync(phone, new HashSet<string>(StringComparer.Ordinal) { id }, cancellationToken);
            }

            var others = new ContactDetails
            {
                Email = complaint.Contact.Email == identity.Email ? null : complaint.Contact.Email,
                Phone = complaint.Contact.Phone == identity.Phone ? null : complaint.Contact.Phone,
            };
            await directory.ForgetAsync(others, id, cancellationToken);
            try
            {
                await redaction.SaveRedactedAsync(plan.Change, current.Version, plan.RewrittenEvents, cancellationToken);
                return true;
            }
            catch (ConcurrencyConflictException) when (attempt < SaveAttempts)
            {
                // A member of staff changed it meanwhile: decide again against what they wrote.
            }
        }
    }

    /// <summary>Complaints the index lists for the identity that still hold it (an erased one no longer matches).</summary>
    private async Task<IReadOnlyList<VersionedComplaint>> HeldAsync(ContactIdentity identity, CancellationToken cancellationToken)
    {
        var held = new List<VersionedComplaint>();
        foreach (var id in await directory.ComplaintIdsAsync(identity.AsContact(), cancellationToken))
        {
            if (await complaints.FindAsync(id, cancellationToken) is { Complaint.ErasedAt: null } found
                && found.Complaint.Contact.Matches(identity.Email ?? identity.Phone))
            {
                held.Add(found);
            }
        }

        return held;
    }

    /// <summary>The notice as the customer received it, composed again from the same templates; staff alerts are internal.</summary>
    private object? Composed(Complaint complaint, Notification notification)
    {
        if (notification.Recipient is not null)
        {
            return null;
        }

        var notice = composer.Compose(complaint, notification);
        return notification.Channel == NotificationChannel.Sms
            ? new { text = smsComposer.NoticeText(complaint, notification, notice) }
            : new { subject = notice.Subject, text = notice.Text };
    }

    private void Json<T>(ZipArchive zip, string path, T value) =>
        Entry(zip, path, JsonSerializer.SerializeToUtf8Bytes(value, ComplaintJson.Options));

    private string Entry(ZipArchive zip, string path, ReadOnlyMemory<byte> content)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = time.GetUtcNow();
        using var stream = entry.Open();
        stream.Write(content.Span);
        return path;
    }
}
