using ComplaintFlow.Core.Complaints;
using CsCheck;

namespace ComplaintFlow.Core.Tests.Complaints;

public sealed class ComplaintIdTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static readonly Gen<string> Ids = Gen.Char[Alphabet].Array[ComplaintId.Length].Select(chars => new string(chars));

    /// <summary>An id that itself begins with CF: one complaint in 1,024.</summary>
    private static readonly Gen<string> IdsStartingWithCf = Gen.Char[Alphabet].Array[ComplaintId.Length - 2].Select(chars => "CF" + new string(chars));

    /// <summary>How a customer or an agent may write an id: with or without the prefix, dashes, spaces, lower case, O for 0, I or L for 1.</summary>
    private static readonly Gen<(string Id, string Typed)> TypedIds =
        Gen.OneOf(Ids, IdsStartingWithCf).SelectMany(id => Gen.Select(Gen.Bool, Gen.Int[0, 3], Gen.Bool, Gen.Bool, Gen.Bool,
            (prefix, separator, lower, confuse, pad) => (id, Write(id, prefix, separator, lower, confuse, pad))));

    private static string Write(string id, bool prefix, int separator, bool lower, bool confuse, bool pad)
    {
        var body = confuse ? id.Replace('0', 'O').Replace('1', 'I') : id;
        var text = separator switch
        {
            0 => (prefix ? "CF" : string.Empty) + body,
            1 => (prefix ? "CF-" : string.Empty) + body[..5] + "-" + body[5..],
            2 => (prefix ? "CF " : string.Empty) + body[..5] + " " + body[5..],
            _ => (prefix ? "CF-" : string.Empty) + body,
        };
        text = lower ? text.ToLowerInvariant() : text;
        return pad ? $"  {text} " : text;
    }

    [Fact]
    public void Any_id_however_it_is_typed_reads_back_as_itself()
    {
        TypedIds.Sample(pair => ComplaintId.TryParse(pair.Typed, out var parsed) && parsed == pair.Id, iter: 20_000);
    }

    [Fact]
    public void An_id_that_begins_with_CF_opens_by_its_id_and_by_its_reference()
    {
        IdsStartingWithCf.Sample(id =>
            ComplaintId.TryParse(id, out var fromId) && fromId == id
            && ComplaintId.TryParse(ComplaintId.ToReference(id), out var fromReference) && fromReference == id
            && ComplaintId.TryParse(ComplaintId.ToReference(id).Replace("-", string.Empty, StringComparison.Ordinal), out var undashed) && undashed == id,
            iter: 5_000);
    }

    [Theory]
    [InlineData("CF-CF123-4567")]
    [InlineData("CF-12345-678901")]
    [InlineData("CFCF")]
    [InlineData("CF")]
    [InlineData("CF-12345-6789U")]
    [InlineData("XX-12345-67890")]
    public void Text_that_is_not_one_whole_id_is_refused(string typed)
    {
        Assert.False(ComplaintId.TryParse(typed, out _));
    }

    [Fact]
    public void Refused_text_is_refused_whatever_the_prefix()
    {
        // A nine- or eleven-character body is never completed or trimmed into someone else's id.
        Gen.Char[Alphabet].Array[ComplaintId.Length - 1, ComplaintId.Length + 1].Where(c => c.Length != ComplaintId.Length)
            .Select(chars => new string(chars))
            .Sample(body => !ComplaintId.TryParse(body, out _) && !ComplaintId.TryParse("CF-" + body, out _), iter: 5_000);
    }
}
