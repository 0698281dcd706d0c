using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Notify;

/// <summary>
/// The customer's own mails a notice answers, so their mail client files it in the same thread: <c>In-Reply-To</c>
/// names their latest mail about the complaint, <c>References</c> all of them, oldest first (RFC 5322 3.6.4). A
/// complaint that came by web form or SMS, with no email reply since, has none.
/// </summary>
public sealed record NoticeThreading(string? InReplyTo, string? References)
{
    public static NoticeThreading For(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var ids = (complaint.Channel == Channel.Email ? [complaint.SourceMessageId] : Array.Empty<string>())
            .Concat(complaint.Replies.Where(r => r.Channel == Channel.Email).Select(r => r.MessageId))
            .Select(MessageIdOf)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return ids.Count == 0 ? new(null, null) : new(ids[^1], string.Join(' ', ids));
    }

    /// <summary>
    /// The header form of a stored Message-ID: the id a reused Message-ID was stored under (<c>{id}#{hash}</c>) is the
    /// mail's own id; a mail that had none was given <c>sha256:…</c> (nothing to refer to), an erased one a placeholder.
    /// </summary>
    private static string? MessageIdOf(string stored)
    {
        var hash = stored.IndexOf('#', StringComparison.Ordinal);
        var id = hash >= 0 ? stored[..hash] : stored;
        return id.Length == 0 || id.StartsWith("sha256:", StringComparison.Ordinal) || !id.Contains('@', StringComparison.Ordinal)
               || id.Any(c => char.IsWhiteSpace(c) || c is '<' or '>')
            ? null
            : $"<{id}>";
    }
}
