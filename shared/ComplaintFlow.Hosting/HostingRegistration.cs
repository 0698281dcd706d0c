using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplaintFlow.Hosting;

public static partial class HostingRegistration
{
    // The protocol's names are PascalCase (Data, Metadata, Outputs, Logs, ReturnValue); read them leniently.
    private static readonly JsonSerializerOptions ProtocolJson = new() { PropertyNamingPolicy = null, PropertyNameCaseInsensitive = true };

    public static IServiceCollection AddFunctionRegistry(this IServiceCollection services, Action<FunctionRegistry> register)
    {
        services.AddSingleton(sp =>
        {
            var registry = new FunctionRegistry(sp.GetRequiredService<IServiceScopeFactory>());
            register(registry);
            return registry;
        });
        return services;
    }

    /// <summary>Runs queue and timer triggers in-process when <c>Hosting:LocalTriggers</c> is true.</summary>
    public static IServiceCollection AddLocalTriggerHost(this IServiceCollection services, IConfiguration configuration, Action<LocalTriggerHostOptions> configure)
    {
        var options = new LocalTriggerHostOptions();
        if (configuration.GetValue<TimeSpan?>("Hosting:MessageLease") is { } lease)
        {
            options.MessageLease = lease >= TimeSpan.FromSeconds(2)
                ? lease
                : throw new InvalidDataException("Hosting:MessageLease must be at least 00:00:02 (it is renewed at half its length).");
        }

        configure(options);
        services.AddSingleton(options);
        services.AddSingleton<LocalTriggerHost>();
        if (configuration.GetValue("Hosting:LocalTriggers", false))
        {
            services.AddHostedService(sp => sp.GetRequiredService<LocalTriggerHost>());
        }

        return services;
    }

    /// <summary>
    /// The custom-handler endpoints: the Functions host posts each non-HTTP invocation to <c>/{FunctionName}</c> with
    /// <c>{"Data":{..},"Metadata":{..}}</c> and expects <c>{"Outputs":{},"Logs":[],"ReturnValue":..}</c>; any non-2xx
    /// fails the invocation (the host then retries or poisons the message).
    /// </summary>
    public static IEndpointRouteBuilder MapCustomHandlerFunctions(this IEndpointRouteBuilder app)
    {
        var registry = app.ServiceProvider.GetRequiredService<FunctionRegistry>();
        foreach (var name in registry.Names)
        {
            app.MapPost("/" + name, async (HttpContext context, ILoggerFactory loggers) =>
            {
                FunctionInvocation? invocation;
                try
                {
                    invocation = await JsonSerializer.DeserializeAsync<FunctionInvocation>(context.Request.Body, ProtocolJson, context.RequestAborted);
                }
                catch (JsonException)
                {
                    invocation = null;
                }

                if (invocation is null)
                {
                    return Results.Json(new FunctionResult { Logs = ["The body is not a custom-handler invocation {\"Data\":{},\"Metadata\":{}}."] }, ProtocolJson, statusCode: 400);
                }

                try
                {
                    var result = await registry.InvokeAsync(name, invocation, context.RequestAborted);
                    return Results.Json(result, ProtocolJson);
                }
                catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
                {
                    // The type names the failure without echoing message text that could hold personal data.
                    LogFailed(loggers.CreateLogger($"Function.{name}"), e.GetType().Name, name, invocation.DequeueCount);
                    return Results.Json(new FunctionResult { Logs = [$"{name} failed: {e.GetType().Name}"] }, ProtocolJson, statusCode: 500);
                }
            });
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: invocation failed with {Error} (dequeue count {DequeueCount})")]
    private static partial void LogFailed(ILogger logger, string error, string function, int? dequeueCount);
}
