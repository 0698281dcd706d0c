using System.Globalization;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Core.Intake.Email;

namespace ComplaintFlow.Core.Desk;

/// <summary>One inbound mail that opened no complaint of its own, with what the webhook makes of it.</summary>
public sealed record HeldMailItem
{
    /// <summary>The raw post's blob name in <c>raw-inbound</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The day (UTC) it came: for an ignored mail the folder it is kept in, as no time was recorded for it.</summary>
    public required DateOnly ReceivedOn { get; init; }

    /// <summary>When a held mail came (the quarantine records it); null for ignored mail.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    public long Size { get; init; }

    /// <summary>What the quarantine recorded when it held the mail (the fields at fault, the reference named).</summary>
    public string? Detail { get; init; }

    /// <summary>The mail as the webhook parsed it; null when the stored post cannot be read (see <see cref="Unreadable"/>).</summary>
    public InboundEmail? Email { get; init; }

    /// <summary>The webhook's decision for it, from <see cref="InboundEmailIntake.ExplainAsync"/>: what <c>scripts/explain-email</c> prints.</summary>
    public InboundEmailExplanation? Explanation { get; init; }

    /// <summary>The field the parser refused (the webhook's 400), for a stored post that no longer parses.</summary>
    public string? Unreadable { get; init; }

    /// <summary>A supervisor's release or discard of a held mail (<see cref="HeldMailDecisions"/>); null while undecided.</summary>
    public QuarantineDecision? Decision { get; init; }
}

public sealed record HeldMailList(IReadOnlyList<HeldMailItem> Ignored, IReadOnlyList<HeldMailItem> Quarantined);

/// <summary>
/// The desk's answer to "I emailed you and heard nothing": the recent mail that opened no complaint, machine mail
/// ignored (a bounce, an auto-reply...) and mail held in quarantine (list or bulk mail, an unusable sender, a reply
/// from someone who is not the complaint's contact), each explained by the very path the webhook and
/// <c>scripts/explain-email</c> take: the stored post goes through <see cref="InboundEmailParser"/> and
/// <see cref="InboundEmailIntake.ExplainAsync"/>, so the desk cannot tell a different story from what happened.
/// Nothing is written. The explanations hold customers' words and addresses: they are for supervisors' eyes only.
/// </summary>
public sealed class HeldMail(IQuarantine quarantine, IPayloadArchive archive, InboundEmailParser parser, InboundEmailIntake intake, TimeProvider time)
{
    /// <summary>At most this many of each kind, newest first: each is read and parsed to be explained.</summary>
    public const int MaxItems = 50;

    /// <summary>Ignored mail is looked for in the folders of this many days back from today.</summary>
    public const int IgnoredDays = 14;

    /// <summary>Where <see cref="InboundEmailIntake"/> keeps ignored machine mail, one folder per day.</summary>
    public const string IgnoredPrefix = "email/ignored/";

    public async Task<HeldMailList> RecentAsync(CancellationToken cancellationToken)
    {
        var quarantined = new List<HeldMailItem>();
        foreach (var held in (await quarantine.ListAsync(200, cancellationToken)).Where(q => q.Channel == "email").Take(MaxItems))
        {
            if (await ExplainAsync(held.BlobName, DateOnly.FromDateTime(held.ReceivedAt.UtcDateTime), cancellationToken) is { } item)
            {
                quarantined.Add(item with { ReceivedAt = held.ReceivedAt, Size = held.Size, Detail = held.Detail, Decision = held.Decision });
            }
        }

        var ignored = new List<HeldMailItem>();
        var today = time.GetUtcNow().UtcDateTime.Date;
        for (var day = 0; day < IgnoredDays && ignored.Count < MaxItems; day++)
        {
            var date = DateOnly.FromDateTime(today.AddDays(-day));
            // Names within a day are hashes of the Message-ID: in no order of time, so a day is shown whole.
            foreach (var name in (await archive.NamesUnderAsync($"{IgnoredPrefix}{date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)}/", cancellationToken)).Order(StringComparer.Ordinal))
            {
                if (ignored.Count >= MaxItems)
                {
                    break;
                }

                if (await ExplainAsync(name, date, cancellationToken) is { } item)
                {
                    ignored.Add(item);
                }
            }
        }

        return new HeldMailList(ignored, quarantined);
    }

    private async Task<HeldMailItem?> ExplainAsync(string name, DateOnly receivedOn, CancellationToken cancellationToken)
    {
        // Gone between the listing and the read (the container's retention): nothing left to explain.
        if (await archive.ReadAsync(name, cancellationToken) is not { } stored)
        {
            return null;
        }

        var item = new HeldMailItem { Name = name, ReceivedOn = receivedOn, Size = stored.Content.Length };
        InboundEmail email;
        try
        {
            email = parser.Parse(stored.Content, stored.ContentType, cancellationToken);
        }
        catch (InboundPayloadException e)
        {
            return item with { Unreadable = e.Field };
        }

        return item with { Email = email, Explanation = await intake.ExplainAsync(email, cancellationToken) };
    }
}
