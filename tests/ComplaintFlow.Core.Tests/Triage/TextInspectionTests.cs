using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Tests.Triage;

public sealed class TextInspectionTests
{
    [Fact]
    public void An_attribute_holding_a_greater_than_sign_does_not_leak_into_the_scored_text()
    {
        var prepared = TextInspection.Prepare("<img alt=\"5 > 3\" src=x>awful service");

        Assert.Equal("awful service", prepared.Text);
        Assert.True(prepared.Findings.HasFlag(TextFindings.Html));
    }

    [Fact]
    public void Title_script_and_style_text_no_reader_sees_is_not_scored()
    {
        var prepared = TextInspection.Prepare(
            "<html><head><title>Wonderful excellent great</title><style>p{color:red}</style></head>"
            + "<body><p>awful service</p><script>var happy = 1;</script></body></html>");

        Assert.Equal("awful service", prepared.Text);
    }

    [Fact]
    public void Block_tags_still_separate_lines_and_entities_are_decoded()
    {
        var prepared = TextInspection.Prepare("<p>Bill &amp; meter</p><p>still wrong</p>");

        Assert.Equal("Bill & meter\nstill wrong", prepared.Text);
    }
}
