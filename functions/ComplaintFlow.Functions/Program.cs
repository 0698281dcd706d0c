using ComplaintFlow.Functions;
using ComplaintFlow.Functions.Poison;

if (ReplayPoisonCommand.Matches(args))
{
    return await ReplayPoisonCommand.RunAsync(args, Console.Out);
}

await ComplaintFlowApp.Build(args).RunAsync();
return 0;
