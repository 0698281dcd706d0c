using System.Collections.Concurrent;
using PublicHoliday;

namespace ComplaintFlow.Core.Deadlines;

/// <summary>
/// Public holidays computed for any year by the PublicHoliday package, so a calendar of rules never runs out:
/// <c>england-and-wales</c> (GOV.UK bank holidays, substitute days and the one-off days the package knows) and
/// <c>us-federal</c> (OPM federal holidays, Saturday holidays observed on Friday and Sunday ones on Monday).
/// Checked against the official 2026 to 2028 lists in the tests; a one-off day announced later is added by a
/// supervisor as a corrected year.
/// </summary>
public sealed class ComputedHolidays
{
    public const string EnglandAndWales = "england-and-wales";
    public const string UsFederal = "us-federal";
    public static readonly IReadOnlyList<string> All = [EnglandAndWales, UsFederal];

    private readonly IPublicHolidays _rules;
    private readonly ConcurrentDictionary<int, IReadOnlyList<Holiday>> _byYear = new();

    private ComputedHolidays(string name, IPublicHolidays rules)
    {
        Name = name;
        _rules = rules;
    }

    public string Name { get; }

    public static ComputedHolidays? Named(string? name) => name switch
    {
        EnglandAndWales => new ComputedHolidays(name, new UKBankHoliday(UKBankHoliday.UkCountries.England)),
        UsFederal => new ComputedHolidays(name, new USAPublicHoliday()),
        _ => null,
    };

    /// <summary>The days off that fall in <paramref name="year"/>, each on the date it is observed.</summary>
    public IReadOnlyList<Holiday> In(int year) => _byYear.GetOrAdd(year, y =>
    {
        // The package files a holiday under the year it commemorates: New Year's Day 2028 (a Saturday) is observed
        // on Friday 31 December 2027 and listed under 2028. Reading the next year too keeps that day in 2027.
        var days = new List<Holiday>();
        foreach (var information in _rules.PublicHolidaysInformation(y).Concat(_rules.PublicHolidaysInformation(y + 1)))
        {
            var observed = DateOnly.FromDateTime(information.ObservedDate);
            if (observed.Year == y && days.All(d => d.From != observed))
            {
                var name = observed == DateOnly.FromDateTime(information.HolidayDate) ? information.EnglishName : $"{information.EnglishName} (observed)";
                days.Add(new Holiday(name, observed, observed));
            }
        }

        return [.. days.OrderBy(d => d.From)];
    });

    public Holiday? On(DateOnly day) => In(day.Year).FirstOrDefault(h => h.From == day);
}
