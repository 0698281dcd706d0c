using ComplaintFlow.Functions;
using ComplaintFlow.Functions.Intake;
using ComplaintFlow.Functions.Poison;

if (ReplayPoisonCommand.Matches(args))
{
    return await ReplayPoisonCommand.RunAsync(args, Console.Out);
}

if (ComplaintFlow.Functions.Triage.CategoryModelCommand.Matches(args))
{
    return await ComplaintFlow.Functions.Triage.CategoryModelCommand.RunAsync(args, Console.Out);
}

if (ExplainEmailCommand.Matches(args))
{
    return await ExplainEmailCommand.RunAsync(args, Console.Out);
}

await ComplaintFlowApp.Build(args).RunAsync();
return 0;
