using System.Text.RegularExpressions;

namespace ComplaintFlow.Deploy.Tests;

/// <summary>The app settings Bicep gives the function app, by the plan they apply to, each value as its Bicep text.</summary>
public static partial class BicepAppSettings
{
    /// <summary>Set on either plan: the host's own settings (function-app.bicep) and ComplaintFlow's (main.bicep).</summary>
    public static IReadOnlyDictionary<string, string> Common { get; } =
        BicepSource.FunctionApp.ObjectEntries("hostSettings")
            .Concat(BicepSource.Main.ObjectEntries("appSettings"))
            .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);

    /// <summary>Set only on Elastic Premium: the settings Flex Consumption refuses.</summary>
    public static IReadOnlyDictionary<string, string> ElasticPremiumOnly { get; } = BicepSource.FunctionApp.ObjectEntries("elasticPremiumSettings");

    /// <summary>The app setting a configuration key reads (<c>A:B</c> is the app setting <c>A__B</c>).</summary>
    public static string AppSettingName(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The value of the app setting behind <paramref name="configurationKey"/>, which must be a string literal in Bicep.</summary>
    public static string LiteralValue(IReadOnlyDictionary<string, string> settings, string configurationKey)
    {
        var name = AppSettingName(configurationKey);
        Assert.True(settings.TryGetValue(name, out var value), $"Bicep sets no app setting {name}.");
        var literal = StringLiteral().Match(value);
        Assert.True(literal.Success, $"The app setting {name} is {value} in Bicep, not a string literal.");
        return literal.Groups["value"].Value;
    }

    [GeneratedRegex("^'(?<value>[^']*)'$")]
    private static partial Regex StringLiteral();
}
