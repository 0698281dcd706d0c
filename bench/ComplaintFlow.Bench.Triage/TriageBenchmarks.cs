using System.Text;
using BenchmarkDotNet.Attributes;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Bench.Triage;

/// <summary>One complaint of about 1 KB (UTF-8) in each language, and the default policy.</summary>
public abstract class OneKilobyteComplaint
{
    protected TriageEngine Engine { get; private set; } = null!;
    protected TextDocument Document { get; private set; } = null!;
    protected TriageInput Input { get; private set; } = null!;

    [ParamsSource(nameof(Languages))]
    public string Language { get; set; } = "en";

    public static IEnumerable<string> Languages => SampleComplaints.Languages;

    [GlobalSetup]
    public virtual void Setup()
    {
        Engine = new TriageEngine(TriagePolicy.Default);
        var text = SampleComplaints.OneKilobyte(Language);
        Document = new TextDocument("bench", text, null);
        Input = new TriageInput { Text = text, Subject = "Complaint", Language = Language };
    }
}

/// <summary>The embedded analyzer and the default policy.</summary>
[MemoryDiagnoser]
public class TriageBenchmarks : OneKilobyteComplaint
{
    private readonly LexiconAnalyzer _analyzer = new();

    [Benchmark]
    public TriageResult AnalyzeAndScore() => Engine.Score(Input, _analyzer.Analyze(Document));

    [Benchmark]
    public SentimentResult AnalyzeOnly() => _analyzer.Analyze(Document);
}

/// <summary>
/// The learned sentiment model on (<see cref="BlendedAnalyzer"/>, the default policy's weight) and off (the lexicon
/// alone): the ratio is what the model costs.
/// </summary>
[MemoryDiagnoser]
public class LearnedModelBenchmarks : OneKilobyteComplaint
{
    private readonly LexiconAnalyzer _lexicon = new();
    private BlendedAnalyzer _blended = null!;

    public override void Setup()
    {
        base.Setup();
        _blended = new BlendedAnalyzer(_lexicon, LinearTextModel.DefaultSentiment, TriagePolicy.Default.SentimentModel.Weight);
    }

    [Benchmark(Baseline = true)]
    public TriageResult ModelOff() => Engine.Score(Input, _lexicon.Analyze(Document));

    [Benchmark]
    public TriageResult ModelOn() => Engine.Score(Input, _blended.Analyze(Document));
}

/// <summary>Realistic complaint sentences repeated to about 1 KB of UTF-8.</summary>
public static class SampleComplaints
{
    public static readonly IReadOnlyList<string> Languages = ["en", "zh-Hans", "zh-Hant", "mixed"];

    private static readonly Dictionary<string, string> Sentences = new()
    {
        ["en"] = "My broadband has been dropping out every evening for three weeks and I work from home. I have called your support line four times, waited on hold for over an hour each time, and every agent promised an engineer would call me back. Nobody ever did. Last month I was also charged twice for the same bill, £42.50 taken on the 3rd and again on the 5th, and the refund you promised has still not arrived. I am not happy at all with how this has been handled. If this is not fixed by Friday I will take it to the ombudsman and ask for compensation for the days I could not work. ",
        ["zh-Hans"] = "家里宽带最近三个星期每天晚上都掉线，我在家办公，根本没法开会。打了四次客服电话，每次都要等一个多小时，客服每次都说会安排师傅上门，结果一直没人来。上个月还重复扣费，同一笔58元的月租扣了两次，说好的退款到现在也没到账。对你们的处理非常不满意，再不解决我就打工信部投诉，还要求赔偿。",
        ["zh-Hant"] = "家裡寬頻最近三個星期每天晚上都斷線，我在家工作，根本沒法開會。打了四次客服電話，每次都要等一個多小時，客服每次都說會安排師傅上門，結果一直沒人來。上個月還重複扣費，同一筆月費扣了兩次，說好的退款到現在也沒到帳。對你們的處理非常不滿意，再不解決我就向消委會投訴，還要求賠償。",
        ["mixed"] = "我的broadband这三个星期每天晚上都掉线，I work from home，根本没法开会。Called customer service四次，每次都hold一个多小时，agent说会安排engineer上门，结果nobody came。上个月还charged twice，同一笔bill扣了两次，refund到现在都没到。Really not happy，再不fix我就去工信部投诉，要求compensation。",
    };

    public static string OneKilobyte(string language)
    {
        var sentence = Sentences[language];
        var text = new StringBuilder();
        while (Encoding.UTF8.GetByteCount(text.ToString()) + Encoding.UTF8.GetByteCount(sentence) <= 1024)
        {
            text.Append(sentence);
        }

        // Fill to 1 KB with the start of the sentence again, cut on a character.
        foreach (var c in sentence)
        {
            if (Encoding.UTF8.GetByteCount(text.ToString() + c) > 1024)
            {
                break;
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
