using ComplaintFlow.Functions;

ComplaintFlowApp.Build(args).Run();
