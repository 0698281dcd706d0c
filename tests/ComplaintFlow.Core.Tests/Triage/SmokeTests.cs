using ComplaintFlow.Core.Triage;
using Xunit.Abstractions;

namespace ComplaintFlow.Core.Tests.Triage;

public sealed class SmokeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("我家停电三天了，客服态度极差，再不处理我就打12315投诉，还要曝光！要求赔偿500元")]
    [InlineData("My broadband has been down for a week, this is the third time I have called. I want a refund of £120 or I will go to the ombudsman.")]
    [InlineData("謝謝你們的師傅，很快就修好了，服務非常好")]
    [InlineData("不是很满意")]
    [InlineData("The engineer was not rude at all, very helpful!")]
    public void Prints(string text)
    {
        var analyzer = new LexiconAnalyzer();
        var engine = new TriageEngine(TriagePolicy.Default);
        var s = analyzer.Analyze(new TextDocument("1", text, null));
        var r = engine.Score(new TriageInput { Text = text, Language = s.Language ?? "en", EarlierContacts = 2 }, s);
        output.WriteLine($"{s.Label} {s.Compound:0.00} {s.Language} | {r.PrimaryCategory} [{string.Join(",", r.Categories)}] {r.EscalationGrade} | {r.Explanation}");
    }
}
