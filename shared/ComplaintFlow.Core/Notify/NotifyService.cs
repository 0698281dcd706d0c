using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Core.Poison;

namespace ComplaintFlow.Core.Notify;

/// <summary>
/// Sends one recorded notice and records that it was sent. A notice already marked sent is not sent again, so a
/// second delivery of the same queue message is a no-op. The one window for a duplicate is a crash between the
/// provider accepting the message and the <c>notified</c> event being written, or storage unreachable for the whole
/// claim after the provider accepted it (the claim then lapses after <see cref="NotifyOptions.ClaimLease"/> and a
/// redelivery sends again); a storage outage shorter than the claim only delays the record.
/// </summary>
public sealed class NotifyService(
    IComplaintStore complaints,
    NotificationComposer composer,
    IEmailSender email,
    ISmsSender sms,
    SmsComposer smsComposer,
    Notices notices,
    NotifyOptions options,
    TimeProvider time)
{
    private static readonly TimeSpan MinimumRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstRecordRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestRecordRetry = TimeSpan.FromSeconds(4);
    private readonly ReplyAddresses _replyAddresses = new(options);
    private readonly NoticeLetters _letters = new(composer, smsComposer);

    public async Task HandleAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        // Claim the notice first (ETag-guarded), so two deliveries of the same message never both send it.
        var claimed = false;
        var claimAt = time.GetUtcNow();
        var token = Guid.NewGuid().ToString("N");
        var current = await complaints.UpdateAsync(message.ComplaintId, Carried(message), c => Claim(c, message.NotificationId, claimAt, token, out claimed), cancellationToken)
            ?? throw new ComplaintNotFoundException(message.ComplaintId);
        var notification = current.Complaint.Notifications.First(n => n.Id == message.NotificationId);
        if (IsForErasedContact(current.Complaint, notification))
        {
            // Nothing goes to an erased customer, and nothing stands in for it: the erasure cancelled every unsent
            // notice on both channels, and a fallback would queue each for the other for ever.
            return;
        }

        if (notification.IsSettled)
        {
            // A notice recorded not sent may have been stopped by a crash before its stand-in was queued; one recorded
            // sent, before the notice that follows it (the survey after the resolution) was queued.
            await QueueFallbackAsync(current.Complaint, notification, message.TraceParent, cancellationToken);
            await notices.QueueAsync(current.Complaint.Id, Notices.FollowUpsOf(current.Complaint, notification).Select(n => n.Id), message.TraceParent, cancellationToken);
            return;
        }

        if (!claimed)
        {
            // Another delivery holds the claim: it is sending now, or it crashed and the claim has to lapse first.
            // Failing here would spend the queue's dequeue budget while waiting and could poison a notice that is
            // only waiting; instead the same message comes back once the claim can be taken over, and this one is done.
            var lapses = notification.ClaimedAt!.Value + options.ClaimLease - time.GetUtcNow();
            await notices.QueueLaterAsync(message, lapses > MinimumRetryDelay ? lapses : MinimumRetryDelay, cancellationToken);
            return;
        }

        var complaint = current.Complaint;
        var notice = _letters.Write(complaint, notification);
        var tags = new Dictionary<string, string> { ["complaintId"] = complaint.Id, ["notificationId"] = notification.Id };
        // Staff notices are not part of the customer's conversation: no thread, no reply address.
        var toCustomer = notification.Recipient is null;
        var thread = toCustomer ? NoticeThreading.For(complaint) : new NoticeThreading(null, null);
        string? providerId;
        try
        {
            providerId = notification.Channel switch
            {
                NotificationChannel.Email => await email.SendAsync(
                    new EmailMessage
                    {
                        To = notification.Recipient ?? complaint.Contact.Email ?? throw new NoticeSuppressedException("no-email-address"),
                        ToName = notification.Recipient is null ? complaint.Contact.Name : null,
                        Subject = notice.Subject,
                        Text = notice.Text,
                        Html = notice.Html,
                        MessageId = $"<{notification.Id}@{options.MessageIdDomain}>",
                        ReplyTo = toCustomer ? _replyAddresses.For(complaint.Id) : null,
                        InReplyTo = thread.InReplyTo,
                        References = thread.References,
                        Tags = tags,
                    },
                    cancellationToken),
                NotificationChannel.Sms => await sms.SendAsync(
                    new SmsMessage(complaint.Contact.Phone ?? throw new NoticeSuppressedException("no-phone-number"), notice.Text)
                    {
                        Tags = tags,
                        // Replies come from the number (and so the provider) the customer texted; a web complaint has none.
                        From = complaint.Channel == Channel.Sms ? complaint.ChannelAddress : null,
                        IdempotencyKey = notification.Id,
                        FirstRequestedAt = notification.RequestedAt,
                    },
                    cancellationToken),
                _ => throw new InvalidOperationException($"Unknown channel {notification.Channel}."),
            };
        }
        catch (Exception e) when (e is INoticeRefusal { IsPermanent: true } refusal && !cancellationToken.IsCancellationRequested)
        {
            // Sending again would get the same answer: the notice is recorded not sent, with why, so no clock is met by
            // it and the desk sees the customer was not reached; the other channel is tried instead.
            var saved = await complaints.UpdateAsync(complaint.Id, c => MarkNotSent(c, notification, refusal.Reason), CancellationToken.None);
            var refused = saved?.Complaint.Notifications.First(n => n.Id == notification.Id) ?? notification;
            await QueueFallbackAsync(saved?.Complaint ?? complaint, refused, message.TraceParent, cancellationToken);
            return;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The provider did not take it (refused, or no answer in time): the next delivery may claim it at once
            // instead of waiting out the lease, so the queue's retries are real retries. After a timeout the
            // provider may in fact have sent it: a duplicate is the price of never leaving the customer untold.
            await complaints.UpdateAsync(complaint.Id, c => Release(c, notification), CancellationToken.None);
            throw;
        }

        var marked = await RecordSentAsync(current, notification.Id, providerId, claimAt);
        if (marked is not null)
        {
            await notices.QueueAsync(complaint.Id, Notices.FollowUpsOf(marked.Complaint, notification).Select(n => n.Id), message.TraceParent, cancellationToken);
        }
    }

    /// <summary>
    /// The complaint the message carries, as the stage that queued the notice saved it, to claim the notice against
    /// without reading first; only while the notice is pending in it, so the claim always writes and the version is
    /// checked (a copy out of date is a conflict, and the claim then reads and decides again). An erased complaint
    /// stays erased, so a carried one needs no check: nothing is sent for it.
    /// </summary>
    private static VersionedComplaint? Carried(NotificationMessage message) =>
        message.Carried?.For(message.ComplaintId) is { } carried
        && carried.Complaint.Notifications.Any(n => n.Id == message.NotificationId && n.Status == NotificationStatus.Pending)
            ? carried
            : null;

    /// <summary>
    /// Records a notice the provider has taken. Failing here would let the claim lapse and a redelivery send it again,
    /// so a storage error is retried (backing off, whatever the invocation's cancellation) for as long as the claim
    /// holds; only an outage longer than the claim leaves the record to the redelivery. The first attempt writes
    /// against the version the claim wrote (nobody else can have sent this notice meanwhile, and any other write makes
    /// it a conflict that reads again); a retry after a storage error reads first, as that write may have gone through.
    /// </summary>
    private async Task<VersionedComplaint?> RecordSentAsync(VersionedComplaint claimed, string notificationId, string? providerId, DateTimeOffset claimedAt)
    {
        var complaintId = claimed.Complaint.Id;
        VersionedComplaint? known = claimed;
        var lapses = claimedAt + options.ClaimLease;
        var delay = FirstRecordRetry;
        while (true)
        {
            try
            {
                return await complaints.UpdateAsync(complaintId, known, c => MarkSent(c, notificationId, providerId), CancellationToken.None);
            }
            catch (Exception e) when (e is not ComplaintNotFoundException && time.GetUtcNow() + delay < lapses)
            {
                known = null;
                await Task.Delay(delay, time, CancellationToken.None);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRecordRetry.Ticks));
            }
        }
    }

    private ComplaintChange? MarkNotSent(Complaint complaint, Notification claim, string reason)
    {
        var notification = complaint.Notifications.First(n => n.Id == claim.Id);
        if (notification.Status != NotificationStatus.Sending || notification.ClaimToken != claim.ClaimToken)
        {
            return null; // settled meanwhile, or claimed again by another delivery after the lease ran out
        }

        var refused = notification with { Status = NotificationStatus.NotSent, ClaimedAt = null, ClaimToken = null, Reason = reason };
        return NotReached.Record(complaint, refused, time.GetUtcNow(), new Dictionary<string, string>());
    }

    private Task QueueFallbackAsync(Complaint complaint, Notification notification, string? traceParent, CancellationToken cancellationToken) =>
        notification.DidNotReach && NotReached.PendingFallback(complaint, notification) is { } fallback
            ? notices.QueueAsync(complaint.Id, [fallback.Id], traceParent, cancellationToken)
            : Task.CompletedTask;

    /// <summary>
    /// The queue gave up on this notice: it is marked failed and the history says why, so staff see the customer was
    /// not told. A notice sent meanwhile stays sent; a replay later sends a failed one (the claim takes it).
    /// </summary>
    public async Task RecordFailureAsync(NotificationMessage message, DeliveryFailure failure, CancellationToken cancellationToken) =>
        await complaints.UpdateAsync(message.ComplaintId, c => MarkFailed(c, message.NotificationId, failure), cancellationToken);

    private static ComplaintChange? MarkFailed(Complaint complaint, string notificationId, DeliveryFailure failure)
    {
        var notification = complaint.Notifications.FirstOrDefault(n => n.Id == notificationId);
        if (notification is null || notification.IsSettled)
        {
            return null;
        }

        var data = new Dictionary<string, string>
        {
            ["notificationId"] = notificationId,
            ["kind"] = notification.Kind.ToString(),
            ["channel"] = notification.Channel.ToString(),
            ["error"] = failure.Error,
            ["attempts"] = failure.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (failure.Status is { } status)
        {
            data["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var failed = notification with { Status = NotificationStatus.Failed, ClaimedAt = null, ClaimToken = null };
        return complaint.Change(failure.FailedAt)
            .Apply(c => c with { Notifications = [.. c.Notifications.Select(n => n.Id == notificationId ? failed : n)] })
            .Record(EventTypes.NotificationFailed, Actors.System, data);
    }

    /// <summary>
    /// A notice to the customer of an erased complaint is never sent: the message may have been queued before the
    /// erasure, but the contact is read from the complaint, which no longer has one.
    /// </summary>
    private static bool IsForErasedContact(Complaint complaint, Notification notification) =>
        complaint.ErasedAt is not null && notification.Recipient is null;

    private ComplaintChange? Claim(Complaint complaint, string notificationId, DateTimeOffset now, string token, out bool claimed)
    {
        claimed = false;
        var notification = complaint.Notifications.FirstOrDefault(n => n.Id == notificationId)
            ?? throw new InvalidOperationException($"Complaint {complaint.Id} has no notification {notificationId}.");
        if (notification.Status == NotificationStatus.Sending && notification.ClaimToken == token)
        {
            // Our own claim: the write went through but its answer was lost, and the retry saw a changed ETag.
            claimed = true;
            return null;
        }

        if (notification.IsSettled
            || IsForErasedContact(complaint, notification)
            || (notification.Status == NotificationStatus.Sending && notification.ClaimedAt > now - options.ClaimLease))
        {
            return null;
        }

        claimed = true;
        var claim = notification with { Status = NotificationStatus.Sending, ClaimedAt = now, ClaimToken = token };
        return complaint.Change(now).Apply(c => c with { Notifications = [.. c.Notifications.Select(n => n.Id == notificationId ? claim : n)] });
    }

    private ComplaintChange? Release(Complaint complaint, Notification claim)
    {
        var notification = complaint.Notifications.First(n => n.Id == claim.Id);
        if (notification.Status != NotificationStatus.Sending || notification.ClaimToken != claim.ClaimToken)
        {
            return null; // sent meanwhile, or claimed again by another delivery after the lease ran out
        }

        var released = notification with { Status = NotificationStatus.Pending, ClaimedAt = null, ClaimToken = null };
        return complaint.Change(time.GetUtcNow()).Apply(c => c with { Notifications = [.. c.Notifications.Select(n => n.Id == claim.Id ? released : n)] });
    }

    private ComplaintChange? MarkSent(Complaint complaint, string notificationId, string? providerId)
    {
        var notification = complaint.Notifications.First(n => n.Id == notificationId);
        if (notification.IsSettled)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (notification.Status == NotificationStatus.Failed && notification.Delivery is not null)
        {
            // The provider's bounce overtook our record of the send: it was sent, did not reach them, and meets no clock.
            var overtaken = notification with { SentAt = now, ProviderMessageId = providerId, ClaimedAt = null, ClaimToken = null };
            return complaint.Change(now).Apply(c => c with { Notifications = [.. c.Notifications.Select(n => n.Id == notificationId ? overtaken : n)] });
        }

        var sent = notification with { Status = NotificationStatus.Sent, SentAt = now, ProviderMessageId = providerId };
        var acknowledges = notification.Kind == NotificationKind.Acknowledgement && complaint.AcknowledgedAt is null;

        // An interim reply a person wrote is a person's contact: sent, it meets the first-contact clocks (the
        // first-response target, 95598's "contact within one working day"), as a call recorded on the desk does.
        var contacts = notification.Kind == NotificationKind.Interim;
        return complaint.Change(now)
            .Apply(c => c with
            {
                Notifications = [.. c.Notifications.Select(n => n.Id == notificationId ? sent : n)],
                AcknowledgedAt = acknowledges ? now : c.AcknowledgedAt,
                Deadlines = acknowledges ? Deadline.MeetAll(c.Deadlines, MilestoneNames.Acknowledgement, now)
                    : contacts ? Deadline.MeetAll(c.Deadlines, MilestoneNames.FirstContact, now)
                    : c.Deadlines,
            })
            .Apply(c => Notices.AfterSent(c, sent, now))
            .Record(EventTypes.Notified, Actors.System, new Dictionary<string, string>
            {
                ["notificationId"] = notificationId,
                ["kind"] = notification.Kind.ToString(),
                ["channel"] = notification.Channel.ToString(),
            });
    }
}
