using System.Globalization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Intake;

/// <summary>Checks a submission field by field and normalises contact details; messages are in the customer's language.</summary>
/// <param name="time">The clock an event time is checked against (not in the future); the system clock when not given.</param>
public sealed class SubmissionValidator(IntakeOptions options, TimeProvider? time = null)
{
    public const int MaxPlaceLength = 200;
    public const int MaxAccountLength = 64;
    public const int MaxDemandDetailLength = 200;

    /// <summary>A sum above this is a typing slip, not a demand we can weigh.</summary>
    public const decimal MaxDemandAmount = 1_000_000_000m;

    /// <summary>A clock a few minutes ahead of ours (the customer's phone, a form filled in a hurry) is not a future time.</summary>
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

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

        var zone = CustomerTime.ZoneFor(Clean(submission.TimeZone), phone);
        var facts = ValidateFacts(submission, zone, Fail);

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
            TimeZone = zone,
            ChannelAddress = Clean(submission.ChannelAddress)?.ToLowerInvariant(),
            Facts = facts,
        };
        return errors;
    }

    /// <summary>The 4W1H fields: all optional; a field given is checked as strictly as the contact details.</summary>
    private ComplaintFacts? ValidateFacts(ComplaintSubmission submission, string? zone, Action<string, string, object[]> fail)
    {
        string? Text(string field, string? value, int limit)
        {
            var clean = Clean(value);
            if (clean?.Length > limit)
            {
                fail(field, "too-long", [limit]);
            }
            else if (clean is not null && clean.Any(char.IsControl))
            {
                fail(field, "text-control", []);
            }

            return clean;
        }

        var place = Text("place", submission.Place, MaxPlaceLength);
        var account = Text("account", submission.Account, MaxAccountLength);
        var detail = Text("demandDetail", submission.DemandDetail, MaxDemandDetailLength);

        DateTimeOffset? eventTime = null;
        if (Clean(submission.EventTime) is { } rawTime)
        {
            eventTime = ParseEventTime(rawTime, zone);
            if (eventTime is null)
            {
                fail("eventTime", "event-time-invalid", []);
            }
            else if (eventTime > (time ?? TimeProvider.System).GetUtcNow() + FutureTolerance)
            {
                fail("eventTime", "event-time-future", []);
                eventTime = null;
            }
        }

        DemandKind? kind = null;
        if (Clean(submission.Demand) is { } rawDemand)
        {
            kind = CustomerDemand.Parse(rawDemand);
            if (kind is null)
            {
                fail("demand", "demand-unknown", [string.Join(", ", Enum.GetValues<DemandKind>().Select(CustomerDemand.NameOf))]);
            }
        }

        decimal? amount = null;
        if (Clean(submission.DemandAmount) is { } rawAmount)
        {
            if (!decimal.TryParse(rawAmount, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var parsed)
                || parsed <= 0 || parsed > MaxDemandAmount || decimal.Round(parsed, 2) != parsed)
            {
                fail("demandAmount", "amount-invalid", []);
            }
            else if (kind is not (DemandKind.Compensation or DemandKind.Refund))
            {
                fail("demandAmount", "amount-needs-demand", []);
            }
            else
            {
                amount = parsed;
            }
        }

        var currency = Clean(submission.DemandCurrency)?.ToUpperInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(c => c is >= 'A' and <= 'Z')))
        {
            fail("demandCurrency", "currency-invalid", []);
        }

        if (kind is null && detail is not null)
        {
            // Words without a kind are still a demand: the customer said what they want, in their own terms.
            kind = DemandKind.Other;
        }

        return new ComplaintFacts
        {
            Place = place,
            Account = account,
            EventTime = eventTime,
            Demand = kind is { } k ? new CustomerDemand { Kind = k, Amount = amount, Currency = amount is null ? null : currency, Detail = detail } : null,
        }.OrNull();
    }

    private static readonly string[] LocalTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    /// <summary>
    /// An ISO 8601 instant with its offset, or a local date-time as a form's date-time field sends it, read in the
    /// customer's zone (UTC when intake cannot tell it).
    /// </summary>
    public static DateTimeOffset? ParseEventTime(string text, string? zone)
    {
        var trimmed = text.Trim();
        if (DateTime.TryParseExact(trimmed, LocalTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var tz = zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
            return new DateTimeOffset(local, tz.GetUtcOffset(local));
        }

        return trimmed.Length >= 16 && trimmed.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && (trimmed.EndsWith('Z') || trimmed[^6] is '+' or '-')
            ? instant
            : null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
