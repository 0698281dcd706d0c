using Microsoft.Extensions.DependencyInjection;

namespace ComplaintFlow.Hosting;

/// <summary>
/// The non-HTTP functions of the app by name (the folder name holding their function.json). Both hosts call them
/// through here: the Functions host via <c>POST /{FunctionName}</c>, the local trigger host in-process.
/// </summary>
public sealed class FunctionRegistry(IServiceScopeFactory scopes)
{
    private readonly Dictionary<string, FunctionHandler> _handlers = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _handlers.Keys;

    public FunctionRegistry Add(string name, FunctionHandler handler)
    {
        _handlers.Add(name, handler);
        return this;
    }

    public bool Contains(string name) => _handlers.ContainsKey(name);

    /// <summary>Runs a function in its own DI scope; exceptions propagate so the caller can fail the invocation.</summary>
    public async Task<FunctionResult> InvokeAsync(string name, FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(name, out var handler))
        {
            throw new KeyNotFoundException($"No function named {name}.");
        }

        await using var scope = scopes.CreateAsyncScope();
        return await handler(invocation, scope.ServiceProvider, cancellationToken);
    }
}
