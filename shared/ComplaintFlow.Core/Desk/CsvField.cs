using System.Globalization;

namespace ComplaintFlow.Core.Desk;

/// <summary>One RFC 4180 field of the desk's CSV exports (work lists, dashboard rates, the weekly report).</summary>
public static class CsvField
{
    /// <summary>
    /// A cell starting with = + - @ (or a tab or carriage return) is run as a formula by spreadsheets (CSV injection):
    /// it is written as text behind a quote mark. A negative whole number (minutes overdue) stays a number.
    /// </summary>
    public static string Of(string value)
    {
        var formula = value.Length > 0 && value[0] is '=' or '+' or '@' or '\t' or '\r'
            || (value.StartsWith('-') && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        var safe = formula ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
