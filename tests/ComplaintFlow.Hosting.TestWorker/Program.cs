using ComplaintFlow.Hosting.TestWorker;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// The host forwards request bodies to the worker's own Kestrel, whose default limit is 30,000,000 bytes; the Functions
// host allows 100 MB, so the worker must too.
builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = 100L * 1024 * 1024);

// Validated at start, as the real app validates its options: a bad value stops the worker before it connects.
builder.Services.AddOptions<TestWorkerOptions>()
    .Bind(builder.Configuration.GetSection("TestWorker"))
    .Validate(o => o.Mode != "invalid", "TestWorker:Mode must not be 'invalid'.")
    .ValidateOnStart();

builder.Build().Run();
