using System.Net.Mail;
using ComplaintFlow.Core.Complaints;
using PhoneNumbers;

namespace ComplaintFlow.Core.Intake;

/// <summary>Checks a submission field by field and normalises contact details; messages are in the customer's language.</summary>
public sealed class SubmissionValidator(IntakeOptions options)
{
    private const int MaxNameLength = 200;
    private const int MaxSubjectLength = 200;
    private const int MaxEmailLength = 254;
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

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
        if (email is not null && (email.Length > MaxEmailLength || !IsEmail(email)))
        {
            Fail("email", "email-invalid");
        }

        string? phone = null;
        var rawPhone = Clean(submission.Phone);
        if (rawPhone is not null)
        {
            phone = NormalisePhone(rawPhone, options.DefaultPhoneRegion);
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
        };
        return errors;
    }

    /// <summary>E.164 form of a phone number, or null when it is not a possible number.</summary>
    public static string? NormalisePhone(string raw, string defaultRegion)
    {
        try
        {
            var parsed = Phones.Parse(raw, defaultRegion);
            return Phones.IsValidNumber(parsed) ? Phones.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !value.Any(char.IsWhiteSpace);
}
