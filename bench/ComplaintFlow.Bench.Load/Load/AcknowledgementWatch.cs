using System.Diagnostics;
using ComplaintFlow.Bench.Load.Generation;
using ComplaintFlow.Fakes.SendGrid;

namespace ComplaintFlow.Bench.Load.Load;

/// <summary>
/// Watches the SendGrid fake's outbox for acknowledgements: by the <c>complaintId</c> custom argument the app sets
/// on every notice, and by recipient for complaints whose id the sender does not know (email webhook).
/// </summary>
internal sealed class AcknowledgementWatch(SendGridMailbox mailbox)
{
    private readonly Dictionary<string, List<ReceivedEmail>> _byComplaint = [];
    private readonly Dictionary<string, List<ReceivedEmail>> _byRecipient = new(StringComparer.OrdinalIgnoreCase);
    private int _seen;

    /// <summary>Emails for this submission, oldest first; SMS complaints are acknowledged by SMS, not here.</summary>
    public IReadOnlyList<ReceivedEmail> EmailsFor(Submission submission)
    {
        Refresh();
        if (submission.ComplaintId is { } id)
        {
            return _byComplaint.GetValueOrDefault(id) ?? [];
        }

        return submission.Complaint.Email is { } email ? _byRecipient.GetValueOrDefault(email) ?? [] : [];
    }

    /// <summary>Expects an email acknowledgement for every accepted web and email complaint.</summary>
    public static bool ExpectsEmail(Submission submission) => submission.Complaint.Route != InboundRoute.SmsWebhook && submission.Complaint.Email is not null;

    /// <summary>Waits until every accepted complaint expecting an email has one, or the timeout passes.</summary>
    public async Task<bool> WaitForAllAsync(IEnumerable<Submission> submissions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiting = submissions.Where(s => s.Accepted && ExpectsEmail(s)).ToList();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            waiting.RemoveAll(s => EmailsFor(s).Count > 0);
            if (waiting.Count == 0)
            {
                return true;
            }

            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>The complaint id an email acknowledgement names, for submissions that had none from the app.</summary>
    public string? ComplaintIdFor(Submission submission) =>
        submission.ComplaintId ?? EmailsFor(submission).Select(e => e.CustomArgs.GetValueOrDefault("complaintId")).FirstOrDefault(i => i is not null);

    private void Refresh()
    {
        var emails = mailbox.Emails;
        for (; _seen < emails.Count; _seen++)
        {
            var email = emails[_seen];
            if (email.CustomArgs.TryGetValue("complaintId", out var id))
            {
                Add(_byComplaint, id, email);
            }

            foreach (var to in email.To)
            {
                Add(_byRecipient, to, email);
            }
        }
    }

    private static void Add(Dictionary<string, List<ReceivedEmail>> index, string key, ReceivedEmail email)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(email);
    }
}
