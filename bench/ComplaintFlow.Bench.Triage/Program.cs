using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using ComplaintFlow.Bench.Triage;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Triage;

// `dotnet run -c Release -- --train [--data <folder>]`: trains the default sentiment model (scripts/train-triage-model.sh).
if (args.Contains("--train"))
{
    return SentimentTraining.Run(args);
}

// `dotnet run -c Release -- --learning-curve [--data <folder>]`: category macro-F1 against examples per category on BANKING77.
if (args.Contains("--learning-curve"))
{
    return CategoryTraining.LearningCurve(args);
}

// `dotnet run -c Release -- --category`: trains the default category model and chooses its blend weight (scripts/train-category-model.sh).
if (args.Contains("--category"))
{
    return CategoryTraining.Run(args);
}

// `dotnet run -c Release -- --quick`: a plain single-thread loop, complaints per second on one core and bytes
// allocated per complaint, printed in a few seconds. Anything else goes to BenchmarkDotNet (e.g. `--filter *`).
if (args.Contains("--quick"))
{
    // `--model`: the learned sentiment model on (the policy's weight), as the app runs by default.
    var lexicon = new LexiconAnalyzer();
    Func<TextDocument, SentimentResult> analyze = args.Contains("--model")
        ? new BlendedAnalyzer(lexicon, LinearTextModel.DefaultSentiment, TriagePolicy.Default.SentimentModel.Weight).Analyze
        : lexicon.Analyze;
    // `--category-model`: the shipped category model blended at weight 0.5, as a desk-trained version would run.
    var engine = args.Contains("--category-model")
        ? new TriageEngine(TriagePolicy.Default, new FixedCategoryModel(LinearTextModel.DefaultCategory, 0.5))
        : new TriageEngine(TriagePolicy.Default);
    foreach (var language in SampleComplaints.Languages)
    {
        var text = SampleComplaints.OneKilobyte(language);
        var document = new TextDocument("quick", text, null);
        var input = new TriageInput { Text = text, Subject = "Complaint", Language = language };
        for (var i = 0; i < 2_000; i++)
        {
            engine.Score(input, analyze(document));
        }

        const int Count = 20_000;
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        // CPU time, not wall time: on a shared machine the wall clock counts other people's work too.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Count; i++)
        {
            engine.Score(input, analyze(document));
        }

        clock.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var perSecond = Count / cpuSeconds;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{language,-8} {text.Length,5} chars  {perSecond,10:N0} complaints per CPU-second  ({perSecond / 20_000:0.00}x the 20,000/s target)  {bytes,6:N0} B allocated per complaint  (wall {Count / clock.Elapsed.TotalSeconds:N0}/s)"));
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(TriageBenchmarks).Assembly).Run(args);
return 0;
