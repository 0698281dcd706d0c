using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Intake;

/// <summary>Checks a submission field by field and normalises contact details; messages are in the customer's language.</summary>
public sealed class SubmissionValidator(IntakeOptions options)
{
    private const int MaxNameLength = 200;
    private const int MaxSubjectLength = 200;
    private const int MaxEmailLength = 254;

    public IReadOnlyList<ValidationError> Validate(ComplaintSubmission submission, string? uiLanguage, out ValidSubmission? valid)
    {
        valid = null;
        var language = SupportedLanguages.Normalise(submission.Language);
        var messageLanguage = language ?? SupportedLanguages.Normalise(uiLanguage) ?? SupportedLanguages.English;
        var errors = new List<ValidationError>();
        void Fail(string field, string key, params object[] args) =>
            errors.Add(new ValidationError(field, ValidationMessages.Format(messageLanguage, key, args)));

        var name = Clean(submission.Name);
        if (name?.Length > MaxNameLength)
        {
            Fail("name", "too-long", MaxNameLength);
        }

        var email = Clean(submission.Email)?.ToLowerInvariant();
        if (email is not null && (email.Length > MaxEmailLength || !ContactEmail.IsValid(email)))
        {
            Fail("email", "email-invalid");
        }

        string? phone = null;
        var rawPhone = Clean(submission.Phone);
        if (rawPhone is not null)
        {
            // A number written as at home ("07911 123456") is read in the region of the browser's time zone first,
            // then in the deployment's default region (a mainland number typed on a laptop still set to London).
            var browserRegion = CustomerRegion.OfZone(Clean(submission.TimeZone));
            phone = (browserRegion is null ? null : ContactPhone.ToE164(rawPhone, browserRegion, options.AcceptFictionalNumbers))
                ?? ContactPhone.ToE164(rawPhone, options.DefaultPhoneRegion, options.AcceptFictionalNumbers);
            if (phone is null)
            {
                Fail("phone", "phone-invalid");
            }
        }

        if (email is null && rawPhone is null)
        {
            Fail("contact", "contact-required");
        }

        var subject = Clean(submission.Subject);
        if (subject?.Length > MaxSubjectLength)
        {
            Fail("subject", "too-long", MaxSubjectLength);
        }

        var text = submission.Text?.Trim();
        if (string.IsNullOrWhiteSpace(text))
        {
            Fail("text", "text-required");
        }
        else if (text.Length > options.MaxTextLength)
        {
            Fail("text", "too-long", options.MaxTextLength);
        }
        else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            Fail("text", "text-control");
        }

        if (submission.Language is not null && language is null)
        {
            Fail("language", "language-unsupported", string.Join(", ", SupportedLanguages.All));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        valid = new ValidSubmission
        {
            Channel = submission.Channel,
            Contact = new ContactDetails { Name = name, Email = email, Phone = phone },
            Subject = subject,
            Text = text!,
            Language = language ?? SupportedLanguages.Detect(text!),
            // A zone the browser names but this server does not know is dropped, not refused: the customer cannot fix
            // it, and the phone's region or the configured zone still gives them dates they can read.
            TimeZone = CustomerTime.ZoneFor(Clean(submission.TimeZone), phone),
            ChannelAddress = Clean(submission.ChannelAddress)?.ToLowerInvariant(),
        };
        return errors;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
