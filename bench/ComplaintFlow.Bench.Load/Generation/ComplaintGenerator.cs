using System.Globalization;
using System.Text;

namespace ComplaintFlow.Bench.Load.Generation;

/// <summary>How a generated complaint reaches the app.</summary>
internal enum InboundRoute
{
    WebForm,
    EmailWebhook,
    SmsWebhook,
}

/// <summary>One complaint the load generator will send; the source id makes every send recognisable later.</summary>
internal sealed record GeneratedComplaint
{
    public required int Sequence { get; init; }
    public required InboundRoute Route { get; init; }
    public required string Language { get; init; }
    public required string Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public required string Subject { get; init; }
    public required string Text { get; init; }

    /// <summary>The web form's optional place field (where the trouble is), as the storm run fills it.</summary>
    public string? Place { get; init; }

    /// <summary>Idempotency key (web form), Message-Id (email) or MessageSid (SMS): what the app derives the id from.</summary>
    public required string SourceId { get; init; }

    public int TextBytes => Encoding.UTF8.GetByteCount(Text);
}

/// <summary>Shares of each route in the generated traffic; the web form takes what the others leave.</summary>
internal sealed record TrafficMix(double EmailShare, double SmsShare);

/// <summary>
/// Deterministic complaints for a seed: a third each in English, simplified and traditional Chinese, text between
/// 0.2 and 4 KB of UTF-8 (most short, some long, as real complaints are), one in ten with a phone number too.
/// </summary>
internal sealed class ComplaintGenerator(int seed, TrafficMix mix, string runTag)
{
    public const int MinTextBytes = 200;
    public const int MaxTextBytes = 4_096;
    public const int MaxSmsBytes = 600;

    private static readonly ComplaintPhrases[] Languages =
        [ComplaintPhrases.English, ComplaintPhrases.SimplifiedChinese, ComplaintPhrases.TraditionalChinese];

    private static readonly string[] EnglishNames = ["Alice Morgan", "David Chen", "Priya Shah", "Tom O'Neill", "Grace Lee", "Samuel Okafor"];
    private static readonly string[] ChineseNames = ["王芳", "李伟", "张敏", "陈静", "刘洋", "黃志明", "林美玲"];

    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();
    private int _sequence;

    public GeneratedComplaint Next()
    {
        // One Random behind a lock: concurrent senders still get the same sequence of complaints for a seed.
        lock (_lock)
        {
            var sequence = ++_sequence;
            var phrases = Languages[_random.Next(Languages.Length)];
            var route = PickRoute();
            var subject = Pick(phrases.Subjects);

            // Texts are as long as people write them there: SMS stays within a few concatenated segments.
            var text = ComposeText(phrases, route == InboundRoute.SmsWebhook ? Math.Min(TargetBytes(), MaxSmsBytes) : TargetBytes());
            var name = phrases.Language == "en" ? Pick(EnglishNames) : Pick(ChineseNames);
            var tag = $"{runTag}-{sequence.ToString("D6", CultureInfo.InvariantCulture)}";

            // Unique addresses let the no-loss check find each complaint's acknowledgement without the app's id.
            var email = $"customer.{tag}@bench.example.com";
            var phone = "+86139" + _random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            var complaint = new GeneratedComplaint
            {
                Sequence = sequence,
                Route = route,
                Language = phrases.Language,
                Name = name,
                Email = email,
                Subject = subject,
                Text = text,
                SourceId = tag,
            };
            return route switch
            {
                InboundRoute.SmsWebhook => complaint with { Email = null, Phone = phone, SourceId = "SM" + Convert.ToHexString(RandomBytes(16)).ToLowerInvariant() },
                InboundRoute.EmailWebhook => complaint with { SourceId = $"<{tag}@mail.bench.example.com>" },
                _ => complaint with { Phone = _random.NextDouble() < 0.1 ? phone : null },
            };
        }
    }

    private InboundRoute PickRoute()
    {
        var roll = _random.NextDouble();
        return roll < mix.EmailShare ? InboundRoute.EmailWebhook
            : roll < mix.EmailShare + mix.SmsShare ? InboundRoute.SmsWebhook
            : InboundRoute.WebForm;
    }

    /// <summary>Log-uniform between the bounds: many short complaints, a long tail of long ones.</summary>
    private int TargetBytes() =>
        (int)Math.Round(MinTextBytes * Math.Pow((double)MaxTextBytes / MinTextBytes, _random.NextDouble()));

    private string ComposeText(ComplaintPhrases phrases, int targetBytes)
    {
        var demand = Pick(phrases.Demands);
        var text = new StringBuilder(Pick(phrases.Openings));
        var reserved = Encoding.UTF8.GetByteCount(demand) + phrases.Separator.Length;
        var parts = new[] { phrases.Incidents, phrases.Impacts, phrases.History };
        var bytes = Encoding.UTF8.GetByteCount(text.ToString());
        while (true)
        {
            var sentence = Pick(parts[_random.Next(parts.Length)]);
            var length = Encoding.UTF8.GetByteCount(sentence) + phrases.Separator.Length;
            if (bytes + length + reserved > targetBytes && bytes + reserved >= MinTextBytes)
            {
                break;
            }

            text.Append(phrases.Separator).Append(sentence);
            bytes += length;
        }

        return text.Append(phrases.Separator).Append(demand).ToString();
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Pick(IReadOnlyList<string> choices) => choices[_random.Next(choices.Count)];
}
