using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Core.Triage;

/// <summary>One area of the gazetteer: its key, display names, the place names that mean it and its phone area codes.</summary>
public sealed record GazetteerArea
{
    public string Key { get; init; } = "";
    public Dictionary<string, string> Names { get; init; } = [];

    /// <summary>Place names as written in text (simplified Chinese, lower-case English; matched after folding).</summary>
    public IReadOnlyList<string> Places { get; init; } = [];

    /// <summary>E.164 prefixes of the area's fixed-line numbers (<c>+86755</c>); empty where numbers carry no area.</summary>
    public IReadOnlyList<string> PhonePrefixes { get; init; } = [];

    public IncidentArea ToArea() => new() { Key = Key, Names = Names };
}

/// <summary>How sure the evidence is that a complaint is about an area, and what the evidence was.</summary>
public sealed record AreaEvidence(string AreaKey, double Confidence, IReadOnlyList<string> Reasons);

/// <summary>
/// The incident gazetteer and linking rule: data, not code (Triage/Data/incident-areas.json). Which areas exist,
/// the names and phone area codes that point at each, how much each source counts, and the two thresholds: at
/// <see cref="AutoLinkConfidence"/> triage links a complaint to a matching incident itself, at
/// <see cref="SuggestConfidence"/> it suggests the link for staff to confirm.
/// </summary>
public sealed record IncidentAreas
{
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }
    public double AutoLinkConfidence { get; init; } = 0.75;
    public double SuggestConfidence { get; init; } = 0.4;
    public double PlaceConfidence { get; init; } = 0.9;
    public double TextConfidence { get; init; } = 0.8;
    public double PhoneConfidence { get; init; } = 0.5;
    public double AgreementBonus { get; init; } = 0.1;
    public IReadOnlyList<GazetteerArea> Areas { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly Lazy<IncidentAreas> Embedded = new(() =>
    {
        using var stream = TriageData.Open("incident-areas.json");
        return Load(stream, "embedded incident-areas.json");
    });

    /// <summary>The shipped gazetteer (validated when first read: the app reads it at start).</summary>
    public static IncidentAreas Default => Embedded.Value;

    /// <summary>Reads and validates a gazetteer; throws <see cref="TriagePolicyException"/> naming every bad key.</summary>
    public static IncidentAreas Load(Stream json, string source)
    {
        IncidentAreas? areas;
        try
        {
            areas = JsonSerializer.Deserialize<IncidentAreas>(json, Json);
        }
        catch (JsonException e)
        {
            throw new TriagePolicyException(source, [$"{e.Path ?? "$"}: {e.Message}"]);
        }

        if (areas is null)
        {
            throw new TriagePolicyException(source, ["$: the gazetteer is empty"]);
        }

        var errors = areas.Validate();
        return errors.Count == 0 ? areas : throw new TriagePolicyException(source, errors);
    }

    public GazetteerArea? Find(string? key) => Areas.FirstOrDefault(a => string.Equals(a.Key, key?.Trim(), StringComparison.Ordinal));

    /// <summary>Every problem, each naming its key (<c>areas[2].places[0]</c>).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, value) in new[] { ("autoLinkConfidence", AutoLinkConfidence), ("suggestConfidence", SuggestConfidence), ("placeConfidence", PlaceConfidence), ("textConfidence", TextConfidence), ("phoneConfidence", PhoneConfidence), ("agreementBonus", AgreementBonus) })
        {
            if (double.IsNaN(value) || value < 0 || value > 1)
            {
                errors.Add($"{name}: must be between 0 and 1");
            }
        }

        if (SuggestConfidence > AutoLinkConfidence)
        {
            errors.Add("suggestConfidence: must not be above autoLinkConfidence");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var places = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Areas.Count; i++)
        {
            var area = Areas[i];
            var key = $"areas[{i}]";
            if (string.IsNullOrWhiteSpace(area.Key) || !area.Key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                errors.Add($"{key}.key: lower-case letters, digits and '-' only");
            }
            else if (!keys.Add(area.Key))
            {
                errors.Add($"{key}.key: '{area.Key}' is listed twice");
            }

            if (!area.Names.ContainsKey(SupportedLanguages.English) || !area.Names.ContainsKey(SupportedLanguages.SimplifiedChinese))
            {
                errors.Add($"{key}.names: an 'en' and a 'zh-Hans' name are required");
            }

            if (area.Places.Count == 0)
            {
                errors.Add($"{key}.places: at least one place name");
            }

            for (var p = 0; p < area.Places.Count; p++)
            {
                var place = area.Places[p];
                if (string.IsNullOrWhiteSpace(place) || TextFold.Fold(place) != place || place.Trim() != place)
                {
                    errors.Add($"{key}.places[{p}]: write it folded (simplified Chinese, lower case, no surrounding spaces)");
                }
                else if (places.TryGetValue(place, out var other) && other != area.Key)
                {
                    errors.Add($"{key}.places[{p}]: '{place}' also names {other}");
                }
                else
                {
                    places[place] = area.Key;
                }
            }

            for (var p = 0; p < area.PhonePrefixes.Count; p++)
            {
                var prefix = area.PhonePrefixes[p];
                if (prefix is not { Length: >= 3 } || prefix[0] != '+' || !prefix[1..].All(char.IsAsciiDigit))
                {
                    errors.Add($"{key}.phonePrefixes[{p}]: an E.164 prefix such as +86755");
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// The areas a complaint points at, each with its confidence: the place it gave (<paramref name="place"/>), the
    /// place names in its words, and its phone number's area code. Two sources naming the same area add
    /// <see cref="AgreementBonus"/>.
    /// </summary>
    public IReadOnlyDictionary<string, AreaEvidence> Evidence(string? place, string? subject, string text, string? phone)
    {
        var found = new Dictionary<string, (double Confidence, List<string> Reasons, int Sources)>(StringComparer.Ordinal);
        void Add(string area, double confidence, string reason)
        {
            var (best, reasons, sources) = found.TryGetValue(area, out var seen) ? seen : (0d, new List<string>(), 0);
            reasons.Add(reason);
            found[area] = (Math.Max(best, confidence), reasons, sources + 1);
        }

        var words = TextFold.Fold($"{subject}\n{text}");
        var where = place is null ? null : TextFold.Fold(place);
        var region = phone is null ? null : PhoneRegion(phone);
        foreach (var area in Areas)
        {
            if (where is not null && area.Places.FirstOrDefault(p => Names(where, p)) is { } inPlace)
            {
                Add(area.Key, PlaceConfidence, "place:" + inPlace);
            }

            if (area.Places.FirstOrDefault(p => Names(words, p)) is { } inText)
            {
                Add(area.Key, TextConfidence, "text:" + inText);
            }

            if (phone is not null && area.PhonePrefixes.FirstOrDefault(p => phone.StartsWith(p, StringComparison.Ordinal)) is { } prefix)
            {
                Add(area.Key, PhoneConfidence, "phone:" + prefix);
            }
            else if (region is not null && area.Places.FirstOrDefault(p => p.Any(char.IsAsciiLetter) && Names(region, p)) is { } geocoded)
            {
                Add(area.Key, PhoneConfidence, "phone:" + geocoded);
            }
        }

        return found.ToDictionary(
            f => f.Key,
            f => new AreaEvidence(f.Key, Math.Round(Math.Min(1, f.Value.Confidence + (f.Value.Sources > 1 ? AgreementBonus : 0)), 2), f.Value.Reasons),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Where libphonenumber's offline geocoder places the number (English, folded: <c>shenzhen, guangdong</c>; a
    /// Chinese mobile number's city too), or null; the gazetteer's English place names are then looked for in it.
    /// </summary>
    private static string? PhoneRegion(string phone)
    {
        try
        {
            var number = PhoneNumbers.PhoneNumberUtil.GetInstance().Parse(phone, null);
            var description = Geocoder.Value.GetDescriptionForNumber(number, PhoneNumbers.Locale.English);
            return string.IsNullOrWhiteSpace(description) ? null : TextFold.Fold(description);
        }
        catch (PhoneNumbers.NumberParseException)
        {
            return null;
        }
    }

    private static readonly Lazy<PhoneNumbers.PhoneNumberOfflineGeocoder> Geocoder = new(PhoneNumbers.PhoneNumberOfflineGeocoder.GetInstance);

    /// <summary>True when folded <paramref name="text"/> holds <paramref name="name"/>; an English name as whole words.</summary>
    private static bool Names(string text, string name)
    {
        var ascii = name.Any(char.IsAsciiLetter);
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            if (!ascii
                || ((at == 0 || !TextFold.IsWordCharacter(text[at - 1])) && (at + name.Length == text.Length || !TextFold.IsWordCharacter(text[at + name.Length]))))
            {
                return true;
            }
        }

        return false;
    }

    public static string Format(double confidence) => confidence.ToString("0.00", CultureInfo.InvariantCulture);
}
