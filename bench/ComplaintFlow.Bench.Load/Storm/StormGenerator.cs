using System.Globalization;
using System.Text;
using ComplaintFlow.Bench.Load.Generation;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Bench.Load.Storm;

/// <summary>What a storm complaint is, by the generator's truth.</summary>
internal enum StormKind
{
    /// <summary>About one of the storm's incidents: should be linked to it.</summary>
    Incident,

    /// <summary>Looks like one (an outage elsewhere, a bill in a storm's area) but is not: must not be linked.</summary>
    Lookalike,

    /// <summary>An ordinary complaint from the load generator, about nothing in particular.</summary>
    Background,
}

/// <summary>A complaint to send, with the generator's truth: the incident it is about (its key) or none.</summary>
internal sealed record StormComplaint(GeneratedComplaint Complaint, StormKind Kind, StormIncident? Incident);

/// <summary>Shares of web form, inbound email and SMS in the storm; they must add up to 1.</summary>
internal sealed record StormMix(double Web, double Email, double Sms)
{
    public static StormMix Default { get; } = new(0.6, 0.25, 0.15);

    /// <summary>Parses <c>web=0.6,email=0.25,sms=0.15</c> (missing routes are 0).</summary>
    public static StormMix Parse(string text)
    {
        double web = 0, email = 0, sms = 0;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || share < 0)
            {
                throw new ArgumentException($"--mix takes route=share pairs, e.g. web=0.6,email=0.25,sms=0.15; not '{part}'.");
            }

            switch (pair[0])
            {
                case "web": web = share; break;
                case "email": email = share; break;
                case "sms": sms = share; break;
                default: throw new ArgumentException($"--mix knows the routes web, email and sms, not '{pair[0]}'.");
            }
        }

        var total = web + email + sms;
        return Math.Abs(total - 1) < 0.001 ? new StormMix(web, email, sms)
            : throw new ArgumentException($"--mix shares must add up to 1, not {total.ToString(CultureInfo.InvariantCulture)}.");
    }

    public override string ToString() => FormattableString.Invariant($"web={Web:0.##},email={Email:0.##},sms={Sms:0.##}");
}

/// <summary>
/// Storm complaints for a seed: each in English, simplified or traditional Chinese; an incident's complaint names its
/// area in the text (in its own script, or the other script, or English) or, failing that, in the web form's place
/// field or a phone number from the area; every address and phone number is unique, so each acknowledgement at the
/// fakes can be matched to its complaint. Background complaints come from the load generator, with lookalikes mixed
/// in: outages in areas with no incident, and bills in the storm's areas.
/// </summary>
internal sealed class StormGenerator
{
    private static readonly string[] Languages = [StormPhrases.English, StormPhrases.Simplified, StormPhrases.Traditional];
    private static readonly string[] EnglishNames = ["Alice Morgan", "David Chen", "Priya Shah", "Tom O'Neill", "Grace Lee", "Samuel Okafor"];
    private static readonly string[] ChineseNames = ["王芳", "李伟", "张敏", "陈静", "刘洋", "黃志明", "林美玲"];

    private readonly Random _random;
    private readonly StormMix _mix;
    private readonly string _runTag;
    private readonly ComplaintGenerator _background;
    private readonly HashSet<string> _phones = [];
    private readonly Lock _lock = new();
    private int _sequence;

    public StormGenerator(int seed, StormMix mix, string runTag)
    {
        _random = new Random(seed);
        _mix = mix;
        _runTag = runTag;
        _background = new ComplaintGenerator(seed + 1, new TrafficMix(mix.Email, mix.Sms), runTag + "b");
    }

    /// <summary>A complaint about one of the storm's incidents, picked at random.</summary>
    public StormComplaint NextIncident()
    {
        lock (_lock)
        {
            var incident = StormAreas.Incidents[_random.Next(StormAreas.Incidents.Count)];
            return new StormComplaint(Compose(incident.Area, incident.Phrases, mentionPlace: _random.NextDouble() < 0.85), StormKind.Incident, incident);
        }
    }

    /// <summary>Background: two in three ordinary complaints, one in three a lookalike of the storm.</summary>
    public StormComplaint NextBackground()
    {
        lock (_lock)
        {
            if (_random.NextDouble() < 2.0 / 3)
            {
                return new StormComplaint(_background.Next(), StormKind.Background, null);
            }

            if (_random.NextDouble() < 0.5)
            {
                var area = StormAreas.Elsewhere[_random.Next(StormAreas.Elsewhere.Count)];
                var phrases = StormAreas.Incidents[_random.Next(StormAreas.Incidents.Count)].Phrases;
                return new StormComplaint(Compose(area, phrases, mentionPlace: true), StormKind.Lookalike, null);
            }

            var stormArea = StormAreas.Incidents[_random.Next(StormAreas.Incidents.Count)].Area;
            return new StormComplaint(Compose(stormArea, StormPhrases.Bill, mentionPlace: true), StormKind.Lookalike, null);
        }
    }

    private GeneratedComplaint Compose(StormArea area, StormPhrases phrases, bool mentionPlace)
    {
        var sequence = ++_sequence;
        var language = Languages[_random.Next(Languages.Length)];
        var route = PickRoute();
        var tag = $"{_runTag}-s{sequence.ToString("D6", CultureInfo.InvariantCulture)}";
        var time = $"{_random.Next(6, 23)}:{_random.Next(0, 6)}{_random.Next(0, 10)}";

        // SMS always says where (a text has no form and the sender's mobile number names no district).
        var inText = mentionPlace || route == InboundRoute.SmsWebhook;
        var sentence = Pick(phrases.Sentences[language])
            .Replace("{place}", inText ? PlaceName(area, language) : Nearby(language), StringComparison.Ordinal)
            .Replace("{time}", time, StringComparison.Ordinal);
        var text = new StringBuilder(sentence);
        var separator = language == StormPhrases.English ? " " : string.Empty;
        for (var i = _random.Next(1, 3); i > 0; i--)
        {
            text.Append(separator).Append(Pick(StormPhrases.Closings[language]));
        }

        var landline = UniquePhone(area.LandlinePrefix, area.LandlineDigits);
        string? place = null;
        string? phone = null;
        if (!inText && route == InboundRoute.WebForm)
        {
            // The form's place field, in the customer's script, and now and then a landline too.
            place = PlaceName(area, language);
            phone = _random.NextDouble() < 0.3 ? landline : null;
        }
        else if (!inText)
        {
            // An email signature with a landline from the area: the number is the only clue.
            text.Append(language == StormPhrases.English ? "\nTel: " : "\n电话：").Append(landline);
        }
        else if (route == InboundRoute.WebForm && _random.NextDouble() < 0.2)
        {
            phone = landline;
        }

        var complaint = new GeneratedComplaint
        {
            Sequence = sequence,
            Route = route,
            Language = language,
            Name = language == StormPhrases.English ? Pick(EnglishNames) : Pick(ChineseNames),
            Email = $"customer.{tag}@bench.example.com",
            Phone = phone,
            Subject = Pick(phrases.Subjects[language]),
            Text = text.ToString(),
            Place = place,
            SourceId = tag,
        };
        return route switch
        {
            InboundRoute.SmsWebhook => complaint with
            {
                Email = null,
                Phone = UniquePhone(area.MobilePrefix, area.MobileDigits),
                SourceId = "SM" + Convert.ToHexString(RandomBytes(16)).ToLowerInvariant(),
            },
            InboundRoute.EmailWebhook => complaint with { SourceId = $"<{tag}@mail.bench.example.com>" },
            _ => complaint,
        };
    }

    /// <summary>Mostly the customer's own script; sometimes the other script, English, or both side by side.</summary>
    private string PlaceName(StormArea area, string language)
    {
        var roll = _random.NextDouble();
        var own = language switch
        {
            StormPhrases.Simplified => area.Simplified,
            StormPhrases.Traditional => area.Traditional,
            _ => area.English,
        };
        return roll < 0.65 ? own
            : roll < 0.8 ? (language == StormPhrases.English ? area.Traditional : area.English)
            : roll < 0.9 ? (language == StormPhrases.Simplified ? area.Traditional : area.Simplified)
            : language == StormPhrases.English ? $"{area.English} ({area.Traditional})" : $"{own} ({area.English})";
    }

    private static string Nearby(string language) => language switch
    {
        StormPhrases.Simplified => "我家这边",
        StormPhrases.Traditional => "我屋企呢邊",
        _ => "my area",
    };

    private InboundRoute PickRoute()
    {
        var roll = _random.NextDouble();
        return roll < _mix.Email ? InboundRoute.EmailWebhook
            : roll < _mix.Email + _mix.Sms ? InboundRoute.SmsWebhook
            : InboundRoute.WebForm;
    }

    /// <summary>
    /// A number from the area's prefix that libphonenumber calls valid (the app refuses others) and no other complaint
    /// of the run has: acknowledgements are matched by it.
    /// </summary>
    private string UniquePhone(string prefix, int digits)
    {
        var limit = (int)Math.Pow(10, digits);
        while (true)
        {
            var number = prefix + _random.Next(limit / 10, limit).ToString(CultureInfo.InvariantCulture);
            if (ContactPhone.ToE164(number, null) == number && _phones.Add(number))
            {
                return number;
            }
        }
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Pick(IReadOnlyList<string> choices) => choices[_random.Next(choices.Count)];
}
