using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Security;

/// <summary>One app per test class, with the settings that class needs: these tests look at answers, not at a fresh store.</summary>
public abstract class AppHostFixture(IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    public AppHost App { get; private set; } = null!;

    public virtual async Task InitializeAsync() => App = await AppHost.StartAsync(settings);

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}
