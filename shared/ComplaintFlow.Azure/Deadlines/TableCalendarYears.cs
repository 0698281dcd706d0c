using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using ComplaintFlow.Azure.Storage;
using ComplaintFlow.Core.Deadlines;

namespace ComplaintFlow.Azure.Deadlines;

/// <summary>
/// Calendar years entered by supervisors, in table <c>Calendars</c>: PartitionKey = calendar id; RowKey
/// <c>year|{yyyy}</c> holds the year as clocks use it, and <c>audit|{yyyy}|{ticks:D19}</c> every version ever saved.
/// Both are written in ONE entity-group transaction, so the audit trail never misses a change that took effect.
/// </summary>
public sealed class TableCalendarYears(TableClient table) : ICalendarYearStore
{
    private const string YearPrefix = "year|";
    private const string AuditPrefix = "audit|";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableCreation _creation = new(table);

    public async Task<IReadOnlyList<CalendarYear>> ListAsync(CancellationToken cancellationToken)
    {
        await _creation.EnsureAsync(cancellationToken);
        var years = new List<CalendarYear>();
        await foreach (var row in table.QueryAsync<TableEntity>(Range(null, YearPrefix), cancellationToken: cancellationToken))
        {
            years.Add(Read(row));
        }

        return years;
    }

    public async Task SaveAsync(CalendarYear year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(year);
        await _creation.EnsureAsync(cancellationToken);
        var current = Write(year, YearPrefix + year.Year.ToString("D4", CultureInfo.InvariantCulture));
        var audit = Write(year, $"{AuditPrefix}{year.Year:D4}|{year.ChangedAt.UtcTicks:D19}");
        await table.SubmitTransactionAsync(
            [new TableTransactionAction(TableTransactionActionType.UpsertReplace, current), new TableTransactionAction(TableTransactionActionType.Add, audit)],
            cancellationToken);
    }

    public async Task<IReadOnlyList<CalendarYear>> HistoryAsync(string calendarId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(calendarId);
        await _creation.EnsureAsync(cancellationToken);
        var versions = new List<CalendarYear>();
        await foreach (var row in table.QueryAsync<TableEntity>(Range(calendarId, AuditPrefix), cancellationToken: cancellationToken))
        {
            versions.Add(Read(row));
        }

        return [.. versions.OrderBy(v => v.ChangedAt)];
    }

    /// <summary>Rows whose RowKey starts with the prefix ('|' + 1 is '}'), in one partition or all.</summary>
    private static string Range(string? partition, string prefix)
    {
        var rows = TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
        return partition is null ? rows : TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and " + rows;
    }

    private static TableEntity Write(CalendarYear year, string rowKey) => new(year.CalendarId, rowKey)
    {
        ["Year"] = year.Year,
        ["Holidays"] = JsonSerializer.Serialize(year.Holidays, Json),
        ["MakeUpDays"] = JsonSerializer.Serialize(year.MakeUpDays, Json),
        ["Source"] = year.Source,
        ["ChangedBy"] = year.ChangedBy,
        ["ChangedAt"] = year.ChangedAt,
    };

    private static CalendarYear Read(TableEntity row) => new()
    {
        CalendarId = row.PartitionKey,
        Year = row.GetInt32("Year") ?? 0,
        Holidays = JsonSerializer.Deserialize<List<Holiday>>(row.GetString("Holidays") ?? "[]", Json) ?? [],
        MakeUpDays = JsonSerializer.Deserialize<List<DateOnly>>(row.GetString("MakeUpDays") ?? "[]", Json) ?? [],
        Source = row.GetString("Source") ?? string.Empty,
        ChangedBy = row.GetString("ChangedBy") ?? string.Empty,
        ChangedAt = row.GetDateTimeOffset("ChangedAt") ?? DateTimeOffset.MinValue,
    };
}
