using ComplaintFlow.Core.Intake.Sms;
using ComplaintFlow.Core.Notify.Sms;

namespace ComplaintFlow.Core.Tests.Notify;

public sealed class SmsSegmenterTests
{
    private static string Repeat(string s, int count) => string.Concat(Enumerable.Repeat(s, count));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void GSM7_text_fits_160_alone_and_153_per_part(int length, int segments)
    {
        var measured = SmsSegmenter.Measure(Repeat("a", length));

        Assert.Equal(new SmsSegmentation(SmsEncoding.Gsm7, length, segments), measured);
    }

    [Fact]
    public void Extension_characters_take_two_septets()
    {
        Assert.Equal(new SmsSegmentation(SmsEncoding.Gsm7, 160, 1), SmsSegmenter.Measure(Repeat("€", 80)));
        Assert.Equal(new SmsSegmentation(SmsEncoding.Gsm7, 162, 2), SmsSegmenter.Measure(Repeat("{", 81)));
    }

    [Fact]
    public void An_extension_character_is_not_split_between_parts()
    {
        // 306 septets would fill two parts exactly, but the euro sign's two septets cannot straddle the boundary.
        var text = Repeat("a", 152) + "€" + Repeat("a", 152);

        Assert.Equal(new SmsSegmentation(SmsEncoding.Gsm7, 306, 3), SmsSegmenter.Measure(text));
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Chinese_text_is_UCS2_at_70_alone_and_67_per_part(int length, int segments)
    {
        Assert.Equal(new SmsSegmentation(SmsEncoding.Ucs2, length, segments), SmsSegmenter.Measure(Repeat("投", length)));
    }

    [Fact]
    public void A_surrogate_pair_counts_two_units_and_is_not_split()
    {
        Assert.Equal(new SmsSegmentation(SmsEncoding.Ucs2, 71, 2), SmsSegmenter.Measure(Repeat("中", 69) + "😀"));
        Assert.Equal(new SmsSegmentation(SmsEncoding.Ucs2, 134, 3), SmsSegmenter.Measure(Repeat("中", 66) + "😀" + Repeat("中", 66)));
    }

    [Theory]
    [InlineData("Ça va? £5 @ 10:00", SmsEncoding.Gsm7)]
    [InlineData("ça va", SmsEncoding.Ucs2)]
    [InlineData("Your ref is CF-0ABCD-EFGH2 [urgent]", SmsEncoding.Gsm7)]
    [InlineData("Smart quotes ’ are not GSM", SmsEncoding.Ucs2)]
    [InlineData("退订", SmsEncoding.Ucs2)]
    public void One_character_outside_the_GSM_alphabet_makes_the_whole_text_UCS2(string text, SmsEncoding expected) =>
        Assert.Equal(expected, SmsSegmenter.EncodingOf(text));

    [Fact]
    public void An_empty_text_takes_no_segment() =>
        Assert.Equal(new SmsSegmentation(SmsEncoding.Gsm7, 0, 0), SmsSegmenter.Measure(string.Empty));
}
