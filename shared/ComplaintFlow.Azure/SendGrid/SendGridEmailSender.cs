using System.Net;
using ComplaintFlow.Core.Notify;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace ComplaintFlow.Azure.SendGrid;

/// <summary>
/// Sends notices with the official SendGrid client over an HttpClient that carries our timeout and retry policy.
/// Anything but 2xx throws: a 5xx or 429 leaves the notification pending for the queue to retry, a permanent 4xx
/// records it not sent. The complaint and notice ids go out as custom args, which SendGrid echoes in every event
/// it posts to <c>/api/events/sendgrid</c>.
/// </summary>
public sealed class SendGridEmailSender(HttpClient http, SendGridOptions options, NotifyOptions notify) : IEmailSender
{
    private readonly SendGridClient _client = new(http, new SendGridClientOptions { ApiKey = options.ApiKey, Host = options.Host });

    public async Task<string?> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mail = MailHelper.CreateSingleEmail(
            new EmailAddress(notify.FromEmail, notify.FromName),
            new EmailAddress(message.To, message.ToName),
            message.Subject,
            message.Text,
            message.Html);
        mail.AddHeader("Message-ID", message.MessageId);
        if (message.ReplyTo is not null)
        {
            mail.SetReplyTo(new EmailAddress(message.ReplyTo));
        }

        // Threads the notice under the customer's own mail in their client.
        if (message.InReplyTo is not null)
        {
            mail.AddHeader("In-Reply-To", message.InReplyTo);
            mail.AddHeader("References", message.References ?? message.InReplyTo);
        }

        foreach (var (key, value) in message.Tags)
        {
            mail.AddCustomArg(key, value);
        }

        foreach (var attachment in message.Attachments)
        {
            mail.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content), attachment.ContentType, "attachment");
        }

        var response = await _client.SendEmailAsync(mail, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.OK))
        {
            // The body names the field SendGrid rejected; it does not echo the recipient.
            var body = await response.Body.ReadAsStringAsync(cancellationToken);
            throw new EmailNotAcceptedException((int)response.StatusCode, body.Length > 500 ? body[..500] : body);
        }

        return response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
    }
}

public sealed class EmailNotAcceptedException(int status, string detail)
    : Exception($"SendGrid answered {status}: {detail}"), INoticeRefusal
{
    public int Status { get; } = status;

    /// <summary>
    /// A 4xx about the message (e.g. a malformed address): the same request would be refused again. Not a timeout or
    /// a 429, and not 401/403: our key refused is our configuration, and once it is fixed the notice can go (it
    /// fails, is retried and is parked in poison for a replay, rather than recorded as never sendable).
    /// </summary>
    public bool IsPermanent => Status is >= 400 and < 500 and not (401 or 403 or 408 or 429);

    public string Reason => $"sendgrid-{Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
