using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Deadlines;

/// <summary>
/// The validated deadline policy and business calendars. Loading fails with a message naming the offending key, so
/// a bad policy file stops the app at start instead of producing wrong deadlines.
/// </summary>
public sealed class DeadlineRules
{
    private const string Key = DeadlineOptions.Section;
    private static readonly string[] Priorities = ["P1", "P2", "P3", "P4"];
    private static readonly string Channels = string.Join(", ", Enum.GetNames<Channel>());
    private readonly Dictionary<string, BusinessCalendar> _calendars;

    private DeadlineRules(DeadlinePolicy policy, Dictionary<string, BusinessCalendar> calendars, string market)
    {
        Policy = policy;
        _calendars = calendars;
        Market = market;
    }

    public DeadlinePolicy Policy { get; }

    /// <summary>The market setting the profile rules are read for (<see cref="DeadlineOptions.Market"/>).</summary>
    public string Market { get; }

    public IReadOnlyCollection<BusinessCalendar> Calendars => _calendars.Values;

    public BusinessCalendar Calendar(string? id) =>
        _calendars.TryGetValue(id ?? Policy.Calendar, out var calendar) ? calendar : _calendars[Policy.Calendar];

    /// <summary>
    /// These rules with the calendar years supervisors entered: what clocks started from now on use. Clocks already
    /// running keep the dates they were given until they are recomputed on request.
    /// </summary>
    public DeadlineRules WithCalendarYears(IEnumerable<CalendarYear> years)
    {
        var entered = years.ToList();
        return entered.Count == 0 ? this : new DeadlineRules(Policy, _calendars.ToDictionary(c => c.Key, c => c.Value.WithYears(entered)), Market);
    }

    public static DeadlineRules Load(DeadlineOptions options)
    {
        var calendarsJson = options.CalendarsPath is { Length: > 0 } c ? File.ReadAllText(c) : Embedded("calendars.json");
        var policyJson = options.PolicyPath is { Length: > 0 } p ? File.ReadAllText(p) : Embedded("deadline-policy.json");
        return Parse(policyJson, calendarsJson, options.Market);
    }

    public static DeadlineRules Parse(string policyJson, string calendarsJson, string market = "CN")
    {
        var calendars = ParseCalendars(calendarsJson);
        DeadlinePolicy policy;
        try
        {
            policy = JsonSerializer.Deserialize<DeadlinePolicy>(policyJson, DeadlinePolicy.Json)
                ?? throw new DeadlinePolicyException($"{Key}:Policy is empty.");
        }
        catch (JsonException e)
        {
            throw new DeadlinePolicyException($"{Key}:Policy is not valid JSON: {e.Message}");
        }

        Validate(policy, calendars);
        return new DeadlineRules(policy, calendars, market);
    }

    private static void Validate(DeadlinePolicy policy, Dictionary<string, BusinessCalendar> calendars)
    {
        void Calendar(string? id, string key)
        {
            if (id is not null && !calendars.ContainsKey(id))
            {
                throw new DeadlinePolicyException($"{key} names calendar '{id}', which is not defined (known: {string.Join(", ", calendars.Keys)}).");
            }
        }

        void Duration(DurationSpec spec, string key)
        {
            Known(spec.UnknownSettings, key);
            if (!DurationUnits.All.Contains(spec.Unit))
            {
                throw new DeadlinePolicyException($"{key}:unit '{spec.Unit}' is unknown (use one of {string.Join(", ", DurationUnits.All)}).");
            }

            if (spec.Amount <= 0 && !key.EndsWith(":extension", StringComparison.Ordinal))
            {
                throw new DeadlinePolicyException($"{key}:amount must be positive, not {spec.Amount}.");
            }

            if (spec.Amount < 0)
            {
                throw new DeadlinePolicyException($"{key}:amount must not be negative, not {spec.Amount}.");
            }

            if (!MilestoneNames.All.Contains(spec.MetBy))
            {
                throw new DeadlinePolicyException($"{key}:metBy '{spec.MetBy}' is unknown (use one of {string.Join(", ", MilestoneNames.All)}).");
            }

            if (spec.HoldingNoticeBefore is { } lead)
            {
                Duration(lead, key + ":holdingNoticeBefore");
            }

            if (spec.Extension is { } extension)
            {
                Duration(extension, key + ":extension");
            }

            if (spec.ProgressNotice is { } progress)
            {
                ProgressNotice(spec, progress, key + ":progressNotice");
            }
        }

        void ProgressNotice(DurationSpec clock, ProgressNoticeSpec progress, string key)
        {
            // Only the sweep of a profile's clocks reads it: anywhere else it would be ignored in silence.
            if (!key.Contains(":profiles:", StringComparison.Ordinal))
            {
                throw new DeadlinePolicyException($"{key} is read only on a profile's clocks (profiles:<id>:clocks:<kind>).");
            }

            Known(progress.UnknownSettings, key);
            if (progress.Before is null || progress.UnlessContactedWithin is null)
            {
                throw new DeadlinePolicyException($"{key} needs both before and unlessContactedWithin.");
            }

            Duration(progress.Before, key + ":before");
            Duration(progress.UnlessContactedWithin, key + ":unlessContactedWithin");
            if (progress.Before.Unit == clock.Unit && progress.Before.Amount >= clock.Amount)
            {
                throw new DeadlinePolicyException($"{key}:before ({progress.Before.Amount} {progress.Before.Unit}) must be shorter than the clock itself ({clock.Amount} {clock.Unit}).");
            }
        }

        Known(policy.UnknownSettings, $"{Key}:Policy");
        // Required by the model, but JSON can still carry null or an empty string: the policy needs a default calendar.
        if (string.IsNullOrWhiteSpace(policy.Calendar))
        {
            throw new DeadlinePolicyException($"{Key}:Policy:calendar is missing: it must name a defined calendar (known: {string.Join(", ", calendars.Keys)}).");
        }

        Calendar(policy.Calendar, $"{Key}:Policy:calendar");

        foreach (var (priority, clocks) in policy.Internal)
        {
            if (!Priorities.Contains(priority))
            {
                throw new DeadlinePolicyException($"{Key}:Policy:internal:{priority} is not a priority (use P1, P2, P3 or P4).");
            }

            foreach (var (kind, spec) in clocks)
            {
                Duration(spec, $"{Key}:Policy:internal:{priority}:{kind}");
            }

            // The acknowledgement notice and the customer's status page quote these two dates.
            foreach (var kind in new[] { DeadlineKinds.Acknowledge, DeadlineKinds.Resolve }.Where(k => !clocks.ContainsKey(k)))
            {
                throw new DeadlinePolicyException($"{Key}:Policy:internal:{priority}:{kind} is missing: every priority needs an acknowledge and a resolve clock.");
            }
        }

        foreach (var priority in Priorities.Where(p => !policy.Internal.ContainsKey(p)))
        {
            throw new DeadlinePolicyException($"{Key}:Policy:internal:{priority} is missing: every priority needs its internal clocks.");
        }

        if (policy.Callback is { } callback)
        {
            Duration(callback, $"{Key}:Policy:callback");
        }

        if (policy.FollowUp is { } followUp)
        {
            Known(followUp.UnknownSettings, $"{Key}:Policy:followUp");
            if (followUp.Within is null)
            {
                throw new DeadlinePolicyException($"{Key}:Policy:followUp:within is missing: the follow-up needs its own deadline.");
            }

            Duration(followUp.Within, $"{Key}:Policy:followUp:within");
            if (followUp.Attempts is < 1 or > 10)
            {
                throw new DeadlinePolicyException($"{Key}:Policy:followUp:attempts must be 1 to 10, not {followUp.Attempts}.");
            }
        }

        for (var i = 0; i < policy.Overrides.Count; i++)
        {
            var rule = policy.Overrides[i];
            Known(rule.UnknownSettings, $"{Key}:Policy:overrides:{i}");
            if (rule.Category is null && rule.Channel is null && rule.Priorities is null && rule.Profile is null)
            {
                throw new DeadlinePolicyException($"{Key}:Policy:overrides:{i} has no category, channel, priorities or profile, so it would apply to every complaint (change the priorities instead).");
            }

            foreach (var priority in (rule.Priorities ?? []).Where(p => !Priorities.Contains(p)))
            {
                throw new DeadlinePolicyException($"{Key}:Policy:overrides:{i}:priorities has '{priority}', which is not a priority (use P1, P2, P3 or P4).");
            }

            if (rule.Profile is not null && !policy.Profiles.ContainsKey(rule.Profile))
            {
                throw new DeadlinePolicyException($"{Key}:Policy:overrides:{i}:profile names profile '{rule.Profile}', which is not defined.");
            }

            if (rule.Channel is not null && !Enum.GetNames<Channel>().Contains(rule.Channel, StringComparer.OrdinalIgnoreCase))
            {
                throw new DeadlinePolicyException($"{Key}:Policy:overrides:{i}:channel '{rule.Channel}' is not a channel (use {Channels}).");
            }

            foreach (var (kind, spec) in policy.Overrides[i].Clocks)
            {
                Duration(spec, $"{Key}:Policy:overrides:{i}:clocks:{kind}");
            }
        }

        foreach (var (id, profile) in policy.Profiles)
        {
            Known(profile.UnknownSettings, $"{Key}:Policy:profiles:{id}");
            Calendar(profile.Calendar, $"{Key}:Policy:profiles:{id}:calendar");
            // Every letter quotes the referral in the customer's language: a missing language would fall back in silence.
            foreach (var language in SupportedLanguages.All.Where(l => profile.Referral is not null && string.IsNullOrWhiteSpace(profile.Referral.GetValueOrDefault(l))))
            {
                throw new DeadlinePolicyException($"{Key}:Policy:profiles:{id}:referral:{language} is missing: the referral is written in {string.Join(", ", SupportedLanguages.All)}.");
            }

            foreach (var language in (profile.Referral ?? []).Keys.Where(l => !SupportedLanguages.All.Contains(l)))
            {
                throw new DeadlinePolicyException($"{Key}:Policy:profiles:{id}:referral:{language} is not a customer language (use {string.Join(", ", SupportedLanguages.All)}).");
            }

            foreach (var (kind, spec) in profile.Clocks)
            {
                Duration(spec, $"{Key}:Policy:profiles:{id}:clocks:{kind}");
            }
        }

        void Profiles(IEnumerable<string> ids, string key)
        {
            foreach (var id in ids.Where(id => !policy.Profiles.ContainsKey(id)))
            {
                throw new DeadlinePolicyException($"{key} names profile '{id}', which is not defined.");
            }
        }

        Profiles(policy.DefaultProfiles, $"{Key}:Policy:defaultProfiles");
        foreach (var (category, ids) in policy.ProfilesByCategory)
        {
            Profiles(ids, $"{Key}:Policy:profilesByCategory:{category}");
        }

        foreach (var (channel, ids) in policy.ProfilesByChannel)
        {
            // Matched exactly against the complaint's channel, so "sms" would never match.
            if (!Enum.GetNames<Channel>().Contains(channel, StringComparer.Ordinal))
            {
                throw new DeadlinePolicyException($"{Key}:Policy:profilesByChannel:{channel} is not a channel (use {Channels}).");
            }

            Profiles(ids, $"{Key}:Policy:profilesByChannel:{channel}");
        }

        for (var i = 0; i < policy.ProfileRules.Count; i++)
        {
            var rule = policy.ProfileRules[i];
            var key = $"{Key}:Policy:profileRules:{i}";
            Known(rule.UnknownSettings, key);
            Profiles(rule.Profiles, $"{key}:profiles");
            foreach (var channel in (rule.Channels ?? []).Where(c => !Enum.GetNames<Channel>().Contains(c, StringComparer.Ordinal)))
            {
                throw new DeadlinePolicyException($"{key}:channels has '{channel}', which is not a channel (use {Channels}).");
            }

            foreach (var market in (rule.Markets ?? []).Where(m => m.Length != 2 || !m.All(char.IsAsciiLetterUpper)))
            {
                throw new DeadlinePolicyException($"{key}:markets has '{market}', which is not a region code (CN, GB, US...).");
            }

            if (rule.Profiles.Count == 0 && !rule.Stop)
            {
                throw new DeadlinePolicyException($"{key} names no profiles and does not stop, so it does nothing.");
            }
        }
    }

    private static void Known(Dictionary<string, JsonElement>? unknown, string key)
    {
        foreach (var name in (unknown ?? []).Select(pair => pair.Key).Where(n => !n.StartsWith('_')))
        {
            throw new DeadlinePolicyException($"{key}:{name} is not a setting here (misspelt?); it would be ignored.");
        }
    }

    private sealed record CalendarFile(List<CalendarData> Calendars)
    {
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? UnknownSettings { get; init; }
    }

    private sealed record CalendarData(string Id, string TimeZone, string Opens, string Closes, List<string> WorkingDays, List<HolidayData> Holidays, List<string> MakeUpDays,
        Dictionary<string, HoursData>? HoursByDay, string? ComputedHolidays, string? CoveredThrough)
    {
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? UnknownSettings { get; init; }
    }

    private sealed record HoursData(string Opens, string Closes)
    {
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? UnknownSettings { get; init; }
    }

    private sealed record HolidayData(string Name, string From, string To)
    {
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? UnknownSettings { get; init; }
    }

    private static Dictionary<string, BusinessCalendar> ParseCalendars(string json)
    {
        CalendarFile file;
        try
        {
            file = JsonSerializer.Deserialize<CalendarFile>(json, DeadlinePolicy.Json) ?? throw new DeadlinePolicyException($"{Key}:Calendars is empty.");
        }
        catch (JsonException e)
        {
            throw new DeadlinePolicyException($"{Key}:Calendars is not valid JSON: {e.Message}");
        }

        Known(file.UnknownSettings, $"{Key}:Calendars");
        var calendars = new Dictionary<string, BusinessCalendar>();
        foreach (var data in file.Calendars ?? [])
        {
            var key = $"{Key}:Calendars:{data.Id}";
            if (string.IsNullOrWhiteSpace(data.Id) || calendars.ContainsKey(data.Id))
            {
                throw new DeadlinePolicyException($"{key}:id must be present and unique.");
            }

            Known(data.UnknownSettings, key);
            for (var i = 0; i < (data.Holidays?.Count ?? 0); i++)
            {
                Known(data.Holidays![i].UnknownSettings, $"{key}:holidays:{i}");
            }

            foreach (var (name, hours) in data.HoursByDay ?? [])
            {
                Known(hours.UnknownSettings, $"{key}:hoursByDay:{name}");
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(data.TimeZone ?? string.Empty, out var zone))
            {
                throw new DeadlinePolicyException($"{key}:timeZone '{data.TimeZone}' is not a known IANA time zone.");
            }

            var holidays = (data.Holidays ?? []).Select((h, i) => new Holiday(h.Name, Date(h.From, $"{key}:holidays:{i}:from"), Date(h.To, $"{key}:holidays:{i}:to"))).ToList();
            for (var i = 0; i < holidays.Count; i++)
            {
                if (holidays[i].To < holidays[i].From)
                {
                    throw new DeadlinePolicyException($"{key}:holidays:{i} ({holidays[i].Name}) ends before it starts.");
                }

                for (var j = 0; j < i; j++)
                {
                    if (holidays[i].From <= holidays[j].To && holidays[j].From <= holidays[i].To)
                    {
                        throw new DeadlinePolicyException($"{key}:holidays:{i} ({holidays[i].Name}) overlaps holidays:{j} ({holidays[j].Name}).");
                    }
                }
            }

            var makeUp = (data.MakeUpDays ?? []).Select((d, i) => Date(d, $"{key}:makeUpDays:{i}")).ToList();
            foreach (var day in makeUp.Where(d => holidays.Any(h => h.Contains(d))))
            {
                throw new DeadlinePolicyException($"{key}:makeUpDays has {day:yyyy-MM-dd}, which is also a holiday.");
            }

            var days = (data.WorkingDays ?? []).Select(d => Enum.TryParse<DayOfWeek>(d, true, out var w) ? w
                : throw new DeadlinePolicyException($"{key}:workingDays has '{d}', which is not a day of the week.")).ToList();
            var hoursByDay = new Dictionary<DayOfWeek, WorkingHours>();
            foreach (var (name, hours) in data.HoursByDay ?? [])
            {
                var dayKey = $"{key}:hoursByDay:{name}";
                if (!Enum.TryParse<DayOfWeek>(name, true, out var weekday) || int.TryParse(name, out _) || !days.Contains(weekday))
                {
                    throw new DeadlinePolicyException($"{dayKey} is not one of the calendar's working days ({string.Join(", ", days)}).");
                }

                var opens = Time(hours.Opens, $"{dayKey}:opens");
                var closes = Time(hours.Closes, $"{dayKey}:closes");
                hoursByDay[weekday] = closes > opens
                    ? new WorkingHours(opens, closes)
                    : throw new DeadlinePolicyException($"{dayKey}:closes '{hours.Closes}' must be after opens '{hours.Opens}'.");
            }

            var usualOpens = Time(data.Opens, $"{key}:opens");
            var usualCloses = Time(data.Closes, $"{key}:closes");
            if (usualCloses <= usualOpens)
            {
                throw new DeadlinePolicyException($"{key}:closes '{data.Closes}' must be after opens '{data.Opens}'.");
            }

            // A calendar either computes its holidays for any year or says where its data ends: without that, a clock
            // would run on past the last listed holiday as if no more were coming, and nobody would be warned.
            ComputedHolidays? computed = null;
            DateOnly? coveredThrough = null;
            if (data.ComputedHolidays is not null)
            {
                computed = ComputedHolidays.Named(data.ComputedHolidays)
                    ?? throw new DeadlinePolicyException($"{key}:computedHolidays '{data.ComputedHolidays}' is unknown (use one of {string.Join(", ", ComputedHolidays.All)}).");
                if (data.CoveredThrough is not null)
                {
                    throw new DeadlinePolicyException($"{key}:coveredThrough does not apply: computed holidays never run out.");
                }
            }
            else
            {
                coveredThrough = data.CoveredThrough is not null ? Date(data.CoveredThrough, $"{key}:coveredThrough")
                    : throw new DeadlinePolicyException($"{key}:coveredThrough is missing: a calendar without computedHolidays must say the last date its holidays and make-up days cover.");
            }

            calendars.Add(data.Id, new BusinessCalendar(data.Id, zone, usualOpens, usualCloses, days, holidays, makeUp, hoursByDay, computed, coveredThrough));
        }

        return calendars;
    }

    private static DateOnly Date(string? value, string key) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new DeadlinePolicyException($"{key} '{value}' is not a date (yyyy-MM-dd).");

    private static TimeOnly Time(string? value, string key) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
            : throw new DeadlinePolicyException($"{key} '{value}' is not a time (HH:mm).");

    private static string Embedded(string name)
    {
        using var stream = typeof(DeadlineRules).Assembly.GetManifestResourceStream("deadlines/" + name)
            ?? throw new InvalidOperationException($"No embedded {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

public sealed class DeadlinePolicyException(string message) : Exception(message);
