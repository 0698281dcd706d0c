using System.Text;
using System.Text.Json.Nodes;

namespace ComplaintFlow.Integration.Tests.Fuzz;

/// <summary>One generated request: what it is (for the report), its body, Content-Type and extra headers.</summary>
public sealed record FuzzRequest(string Kind, byte[] Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public FuzzRequest(string kind, byte[] body, string? contentType)
        : this(kind, body, contentType, [])
    {
    }

    public FuzzRequest WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };
}

/// <summary>
/// The building blocks of malformed input, drawn from one seeded <see cref="Random"/>: input <paramref name="index"/> of
/// run <paramref name="seed"/> is the same bytes on every machine and in any order, so a failure is replayed from the
/// two numbers in the report. Hostile values (script, control characters, lone surrogates, wrong JSON types, deep
/// nesting, invalid UTF-8, broken boundaries) and byte-level mutations of a valid request, which reach far deeper into
/// a parser than noise does.
/// </summary>
public sealed class MalformedInput(int seed, int index)
{
    /// <summary>Script that sets <c>window.__pwned</c> if a page ever runs it.</summary>
    public static readonly string[] Injections =
    [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=\"window.__pwned=1\">",
        "javascript:window.__pwned=1",
        "\"><svg onload=window.__pwned=1>",
        "'><iframe srcdoc=\"<script>parent.__pwned=1</script>\">",
        "</textarea><script>window.__pwned=1</script>",
        "</title></style><script>window.__pwned=1</script>",
        "<a href=\"javascript:window.__pwned=1\">click</a>",
        "{{constructor.constructor('window.__pwned=1')()}}",
        "${jndi:ldap://127.0.0.1/a}",
        "'; DROP TABLE Complaints; --",
        "PartitionKey eq '' or true",
    ];

    private static readonly string[] Hostile =
    [
        "\0", "\u0001\u0002\u0007\u001b[31m", "\u007f\u0085", "\r\nBcc: victim@example.com", "\u202e\u2066evil",
        "\ufeff", "\ud800", "\udfff", "a\ud83dz", "😀🧨", "𠜎𠜱𠝹", "ﬀ\u0301\u0301\u0301\u0301", "宽带又断了", "%00", "%ZZ%", "%%%",
        "../../../etc/passwd", "C:\\windows\\win.ini", "NaN", "-0", "1e309", "0x7fffffff", "9223372036854775808", "true",
        "null", "[]", "{}", "\\", "\"", "'", "&amp;", "&#0;", "=?utf-8?B?PHNjcmlwdD4=?=", "<", ">", "--", "\t\t\t", " ",
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xC0, 0xAF], [0xFF], [0xFE, 0xFF], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    private static readonly char[] Repeated = ['a', '中', '\u0001', '<', '&', '\ud83d', ' ', '\n'];

    private static readonly byte[] Interesting = "\0\r\n\"\\{}[]:,-=&%+;<>'"u8.ToArray();

    private static readonly string[] Charsets =
    [
        "utf-8", "UTF8", "gb2312", "big5", "utf-16", "utf-32", "utf-7", "iso-8859-1", "x-unknown", "klingon", "", "\"", "utf-8\"; x=\"",
        "ibm037", "shift_jis", "windows-1252", "us-ascii", "latin1", "cp65001", "x-mac-chinesesimp",
    ];

    private readonly Random _random = new(unchecked((seed * 1_000_003) ^ (index * 7_919) ^ index));

    public int Next(int max) => _random.Next(max);

    public int Next(int min, int max) => _random.Next(min, max);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + _random.Next(10))));

    public byte[] RandomBytes(int max)
    {
        var bytes = new byte[_random.Next(max + 1)];
        _random.NextBytes(bytes);
        return bytes;
    }

    public string Charset() => Pick(Charsets);

    /// <summary>A value no field should have to trust: hostile text, script, an overlong run, or a mix.</summary>
    public string HostileText() => _random.Next(6) switch
    {
        0 => Pick(Injections),
        1 => Pick(Hostile),
        2 => new string(Pick(Repeated), _random.Next(1, 70_000)),
        3 => string.Concat(Enumerable.Range(0, _random.Next(1, 6)).Select(_ => Pick(Hostile))),
        4 => Pick(Injections) + " " + Pick(Hostile) + " my broadband has been down for three days",
        _ => new string(Enumerable.Range(0, _random.Next(1, 300)).Select(_ => (char)_random.Next(0, 0x3000)).ToArray()),
    };

    /// <summary>A JSON value of any type, sometimes nested past any sensible depth.</summary>
    public JsonNode? AnyJson(int depth = 0) => _random.Next(depth > 3 ? 6 : 9) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(_random.NextDouble() * Math.Pow(10, _random.Next(-5, 300)) * (_random.Next(2) == 0 ? -1 : 1)),
        3 => JsonValue.Create(long.MaxValue - _random.Next(3)),
        4 or 5 => JsonValue.Create(HostileText()),
        6 => new JsonArray([.. Enumerable.Range(0, _random.Next(4)).Select(_ => AnyJson(depth + 1))]),
        7 => new JsonObject(Enumerable.Range(0, _random.Next(4)).Select(i => KeyValuePair.Create($"k{i}{Pick(Hostile)}", AnyJson(depth + 1)))),
        _ => JsonValue.Create(Pick(Hostile)),
    };

    /// <summary>Brackets or objects nested 20 to 20,000 deep, optionally around a real member.</summary>
    public byte[] DeepJson()
    {
        var depth = _random.Next(20, 20_000);
        var (open, close) = _random.Next(3) switch
        {
            0 => ("[", "]"),
            1 => ("{\"text\":", "}"),
            _ => ("{\"data\":[", "]}"),
        };
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append(open);
        }

        text.Append("\"x\"");
        var closing = Chance(0.7) ? depth : _random.Next(depth);
        for (var i = 0; i < closing; i++)
        {
            text.Append(close);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A media type that a parser might trip on: wrong, unknown charset, bad or missing boundary, huge.</summary>
    public string? OddContentType(string boundary) => _random.Next(16) switch
    {
        0 => null,
        1 => string.Empty,
        2 => "text/plain",
        3 => "application/octet-stream",
        4 => $"application/json; charset={Charset()}",
        5 => $"application/x-www-form-urlencoded; charset={Charset()}",
        6 => "multipart/form-data",
        7 => "multipart/form-data; boundary=",
        8 => $"multipart/form-data; boundary=\"{boundary}",
        9 => $"multipart/form-data; boundary={new string('b', _random.Next(71, 5_000))}",
        10 => $"multipart/form-data; boundary=not-{boundary}",
        11 => $"multipart/mixed; boundary={boundary}",
        12 => "application/json; " + string.Join("; ", Enumerable.Range(0, _random.Next(1, 400)).Select(i => $"p{i}=v{i}")),
        13 => "*/*",
        14 => "application/",
        _ => "application/problem+json; charset=utf-8",
    };

    /// <summary>A byte-level mutation of a valid body: flipped bits, spliced-in hostile bytes, cuts, repeats.</summary>
    public byte[] Mutate(byte[] valid)
    {
        var bytes = new List<byte>(valid);
        var rounds = _random.Next(1, 5);
        for (var round = 0; round < rounds; round++)
        {
            var at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
            switch (_random.Next(8))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = Pick(Interesting);
                    break;
                case 2:
                    bytes.InsertRange(at, Pick(InvalidUtf8));
                    break;
                case 3:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(Injections)));
                    break;
                case 4:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, _random.Next(1, 64)));
                    break;
                case 5:
                    // Truncated, as a connection cut mid-upload leaves it.
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 6 when bytes.Count > 0:
                    var length = Math.Min(bytes.Count - at, _random.Next(1, 200));
                    var chunk = bytes.GetRange(at, length);
                    for (var copies = _random.Next(1, 20); copies > 0; copies--)
                    {
                        bytes.InsertRange(at, chunk);
                    }

                    break;
                default:
                    bytes.InsertRange(at, RandomBytes(32));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>An extra header up to 24 KiB (inside the server's 32 KiB limit), or a long Idempotency-Key.</summary>
    public KeyValuePair<string, string> HugeHeader() => _random.Next(3) switch
    {
        0 => new("X-Fuzz-Padding", new string('p', _random.Next(1_000, 24_000))),
        1 => new("Idempotency-Key", new string('k', _random.Next(100, 8_000))),
        _ => new("Accept-Language", string.Join(",", Enumerable.Range(0, _random.Next(10, 2_000)).Select(i => $"x{i};q=0.{i % 10}"))),
    };

    /// <summary>
    /// A multipart/form-data body of <paramref name="parts"/> (name, optional filename and type, bytes), written as a
    /// client would, then maybe broken: lost final boundary, part without disposition, huge part header, cut short.
    /// </summary>
    public byte[] Multipart(string boundary, IEnumerable<(string Name, string? FileName, string? ContentType, byte[] Content)> parts, bool breakIt)
    {
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        foreach (var (name, fileName, contentType, content) in parts)
        {
            Write($"--{boundary}\r\n");
            if (!breakIt || !Chance(0.1))
            {
                Write($"Content-Disposition: form-data; name=\"{name}\"" + (fileName is null ? string.Empty : $"; filename=\"{fileName}\"") + "\r\n");
            }

            if (contentType is not null)
            {
                Write($"Content-Type: {contentType}\r\n");
            }

            if (breakIt && Chance(0.05))
            {
                Write($"X-Huge: {new string('h', _random.Next(10_000, 40_000))}\r\n");
            }

            Write("\r\n");
            body.Write(content);
            Write("\r\n");
        }

        if (!breakIt || !Chance(0.3))
        {
            Write($"--{boundary}--\r\n");
        }

        var bytes = body.ToArray();
        return breakIt && Chance(0.3) ? bytes[..Next(bytes.Length + 1)] : bytes;
    }
}
