using ComplaintFlow.Functions;
using ComplaintFlow.Functions.Poison;

if (ReplayPoisonCommand.Matches(args))
{
    return await ReplayPoisonCommand.RunAsync(args, Console.Out);
}

ComplaintFlowApp.Build(args).Run();
return 0;
