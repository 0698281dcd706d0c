using ComplaintFlow.Hosting.TestWorker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Validated at start, as the real app validates its options: a bad value stops the worker before it connects.
builder.Services.AddOptions<TestWorkerOptions>()
    .Bind(builder.Configuration.GetSection("TestWorker"))
    .Validate(o => o.Mode != "invalid", "TestWorker:Mode must not be 'invalid'.")
    .ValidateOnStart();

builder.Build().Run();
