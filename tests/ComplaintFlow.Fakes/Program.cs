using ComplaintFlow.Fakes;

FakeProviders.Build(args).Run();
