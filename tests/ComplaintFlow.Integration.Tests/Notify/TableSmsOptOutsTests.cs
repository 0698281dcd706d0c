using Azure.Data.Tables;
using ComplaintFlow.Azure.Twilio;
using ComplaintFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Integration.Tests.Notify;

public sealed class TableSmsOptOutsTests
{
    private static async Task<(TableSmsOptOuts Store, TableClient Table)> StoreAsync()
    {
        var azurite = await Azurite.SharedAsync();
        var table = new TableClient(azurite.ConnectionString, Names.UniqueTable("SmsOptOuts"));
        return (new TableSmsOptOuts(table, new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero))), table);
    }

    [Fact]
    public async Task A_number_that_texted_STOP_is_opted_out_until_it_texts_START()
    {
        var (store, _) = await StoreAsync();
        const string number = "+8613800138000";

        Assert.False(await store.IsOptedOutAsync(number, CancellationToken.None));
        await store.OptOutAsync(number, "退订", CancellationToken.None);
        Assert.True(await store.IsOptedOutAsync(number, CancellationToken.None));
        Assert.False(await store.IsOptedOutAsync("+8613900139000", CancellationToken.None));
        await store.OptInAsync(number, CancellationToken.None);
        Assert.False(await store.IsOptedOutAsync(number, CancellationToken.None));
    }

    [Fact]
    public async Task The_table_keeps_no_phone_number_in_clear_but_keeps_the_consent_history()
    {
        var (store, table) = await StoreAsync();
        const string number = "+8613800138000";

        await store.OptOutAsync(number, "STOP", CancellationToken.None);
        await store.OptInAsync(number, CancellationToken.None);

        var row = Assert.Single(table.Query<TableEntity>().ToList());
        Assert.Equal(TableSmsOptOuts.PartitionKeyFor(number), row.PartitionKey);
        Assert.DoesNotContain(row, p => p.Value?.ToString()?.Contains("13800138000", StringComparison.Ordinal) == true);
        Assert.Equal("STOP", row.GetString("Keyword"));
        Assert.NotNull(row.GetDateTimeOffset("OptedOutAt"));
        Assert.NotNull(row.GetDateTimeOffset("OptedInAt"));
    }
}
