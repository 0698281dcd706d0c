using ComplaintFlow.Functions;
using ComplaintFlow.Functions.Desk;
using ComplaintFlow.Functions.Intake;
using ComplaintFlow.Functions.Poison;
using ComplaintFlow.Functions.Triage;

if (ReplayPoisonCommand.Matches(args))
{
    return await ReplayPoisonCommand.RunAsync(args, Console.Out);
}

if (ReindexSearchCommand.Matches(args))
{
    return await ReindexSearchCommand.RunAsync(args, Console.Out);
}

if (CategoryModelCommand.Matches(args))
{
    return await CategoryModelCommand.RunAsync(args, Console.Out);
}

if (ExplainEmailCommand.Matches(args))
{
    return await ExplainEmailCommand.RunAsync(args, Console.Out);
}

await ComplaintFlowApp.Build(args).RunAsync();
return 0;
