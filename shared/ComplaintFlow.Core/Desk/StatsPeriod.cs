using System.Globalization;
using ComplaintFlow.Core.Intake;

namespace ComplaintFlow.Core.Desk;

/// <summary>
/// The period the dashboard reports on: complaints received from <see cref="From"/> (inclusive) to <see cref="To"/>
/// (exclusive). Chosen as <c>from</c> and <c>to</c> dates (UTC days, both included), or as the last <c>days</c> days
/// up to now (30 by default).
/// </summary>
public sealed record StatsPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public const int MaxDays = 366;

    /// <summary>The period asked for, or the fields that are wrong.</summary>
    public static (StatsPeriod? Period, IReadOnlyList<ValidationError> Errors) Parse(string? from, string? to, string? days, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        if (from is null && to is null)
        {
            if (!int.TryParse(days ?? "30", NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxDays)
            {
                return (null, [new ValidationError("days", $"Give a number of days from 1 to {MaxDays}.")]);
            }

            return (new StatsPeriod(new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - count), now.AddTicks(1)), []);
        }

        var start = Day(from, "from", errors);
        var end = Day(to, "to", errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (end < start)
        {
            return (null, [new ValidationError("to", "The end date is before the start date.")]);
        }

        if ((end!.Value - start!.Value).TotalDays + 1 > MaxDays)
        {
            return (null, [new ValidationError("to", $"Choose a period of at most {MaxDays} days.")]);
        }

        return (new StatsPeriod(start.Value, end.Value.AddDays(1)), []);
    }

    private static DateTimeOffset? Day(string? text, string field, List<ValidationError> errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        errors.Add(new ValidationError(field, "Give a date as yyyy-MM-dd (both from and to)."));
        return null;
    }
}
