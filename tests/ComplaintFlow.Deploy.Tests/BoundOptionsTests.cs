using System.Reflection;
using System.Runtime.Loader;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>
/// Every setting the app binds, read from the options classes themselves (each declares the configuration
/// <c>Section</c> it is bound from) in the built worker, is in local.settings.sample.json, so a newcomer sees every
/// knob with its local default; <see cref="AppSettingsTests"/> then checks the sample against Bicep.
/// </summary>
public sealed class BoundOptionsTests
{
    /// <summary>Options with their own file format (the policy and calendars are data files named by a path setting).</summary>
    private static readonly HashSet<string> FileBacked = new(StringComparer.Ordinal)
    {
        "ComplaintFlow__Deadlines__Policy",
        "ComplaintFlow__Deadlines__Calendars",
    };

    [Fact]
    public void Every_option_the_app_binds_is_in_the_local_sample()
    {
        var bound = BoundKeys().ToList();
        // Azure-only keys (the identity-based storage account) are in Bicep instead; AppSettingsTests pairs them.
        var sample = AppSource.SampleSettings().Keys.Concat(BicepAppSettings.Common.Keys).ToList();

        // Known settings are found, so an empty enumeration cannot pass.
        Assert.Contains("ComplaintFlow__Intake__PublicBaseUrl", bound);
        Assert.Contains("Auth__Mode", bound);
        var missing = bound
            .Where(key => !sample.Any(s => s == key || s.StartsWith(key + "__", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, $"Bound but neither in local.settings.sample.json nor in Bicep: {string.Join(", ", missing)}");
    }

    /// <summary>
    /// <c>Section__Property</c> for every public settable property of every class in the worker's own assemblies that
    /// declares <c>const string Section</c>; a property whose type declares a section of its own is bound there.
    /// </summary>
    private static IEnumerable<string> BoundKeys()
    {
        var context = new AssemblyLoadContext("bound-options", isCollectible: true);
        try
        {
            var resolver = new AssemblyDependencyResolver(AppSource.PathInBuildOutput("ComplaintFlow.Functions.dll"));
            context.Resolving += (c, name) => resolver.ResolveAssemblyToPath(name) is { } path ? c.LoadFromAssemblyPath(path) : null;
            var keys = new List<string>();
            foreach (var name in new[] { "ComplaintFlow.Functions", "ComplaintFlow.Core", "ComplaintFlow.Azure" })
            {
                var assembly = context.LoadFromAssemblyPath(AppSource.PathInBuildOutput(name + ".dll"));
                foreach (var type in LoadableTypes(assembly).Where(t => SectionOf(t) is not null))
                {
                    var section = SectionOf(type)!.Replace(":", "__", StringComparison.Ordinal);
                    foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
                    {
                        var key = $"{section}__{property.Name}";
                        if (SectionOf(property.PropertyType) is null && !FileBacked.Contains(key))
                        {
                            keys.Add(key);
                        }
                    }
                }
            }

            return keys;
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The test has no ASP.NET Core framework loaded: types built on it cannot load, and are no options.</summary>
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private static string? SectionOf(Type type) =>
        type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? field.GetRawConstantValue() as string : null;
}
