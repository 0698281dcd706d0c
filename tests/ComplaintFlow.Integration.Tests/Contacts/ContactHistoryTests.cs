using Azure.Data.Tables;
using ComplaintFlow.Azure.Contacts;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Testing;

namespace ComplaintFlow.Integration.Tests.Contacts;

/// <summary>Table Contacts on Azurite: repeat complainants are found across channels, by one partition read each.</summary>
public sealed class ContactHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(TableContactHistory History, TableClient Table)> NewHistoryAsync()
    {
        var table = new TableServiceClient((await Azurite.SharedAsync()).ConnectionString).GetTableClient(Names.UniqueTable("Contacts"));
        await table.CreateIfNotExistsAsync();
        return (new TableContactHistory(table), table);
    }

    private static Complaint From(string source, Channel channel, DateTimeOffset at, string? email = null, string? phone = null) => new()
    {
        Id = ComplaintId.FromSource(channel, source),
        Channel = channel,
        ReceivedAt = at,
        Contact = new ContactDetails { Email = email, Phone = phone },
        Text = "my bill is wrong",
        Language = "en",
        SourceMessageId = source,
    };

    [Fact]
    public async Task Complaints_by_email_and_by_SMS_from_the_same_person_count_as_repeat_contact()
    {
        var (history, _) = await NewHistoryAsync();
        var byEmail = From("m1", Channel.Email, Now.AddDays(-5), email: "li.wei@example.com");
        var bySms = From("s1", Channel.Sms, Now.AddDays(-2), phone: "+8613800138000");
        var byForm = From("f1", Channel.Web, Now, email: "Li.Wei@Example.com", phone: "+86 138 0013 8000");
        foreach (var complaint in new[] { byEmail, bySms, byForm })
        {
            await history.RecordAsync(complaint, CancellationToken.None);
        }

        Assert.Equal(2, await history.CountEarlierAsync(byForm.Contact, byForm.Id, Now.AddDays(-7), CancellationToken.None));
    }

    [Fact]
    public async Task Contacts_outside_the_window_and_later_complaints_do_not_count()
    {
        var (history, _) = await NewHistoryAsync();
        var old = From("old", Channel.Email, Now.AddDays(-40), email: "a@example.com");
        var current = From("now", Channel.Email, Now, email: "a@example.com");
        var later = From("later", Channel.Email, Now.AddDays(1), email: "a@example.com");
        foreach (var complaint in new[] { old, current, later })
        {
            await history.RecordAsync(complaint, CancellationToken.None);
        }

        // Scoring "now" again after "later" arrived must give the same answer as the first time.
        Assert.Equal(0, await history.CountEarlierAsync(current.Contact, current.Id, Now.AddDays(-30), CancellationToken.None));
        Assert.Equal(1, await history.CountEarlierAsync(later.Contact, later.Id, Now.AddDays(-30), CancellationToken.None));
    }

    [Fact]
    public async Task Recording_the_same_complaint_twice_is_one_row_keyed_by_a_hash_not_the_address()
    {
        var (history, table) = await NewHistoryAsync();
        var complaint = From("twice", Channel.Email, Now, email: "b@example.com");
        await history.RecordAsync(complaint, CancellationToken.None);
        await history.RecordAsync(complaint, CancellationToken.None);

        var rows = await table.QueryAsync<TableEntity>().ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal(complaint.Id, row.RowKey);
        Assert.Matches("^[0-9a-f]{64}$", row.PartitionKey);
        Assert.Equal(Now, row.GetDateTimeOffset("ReceivedAt"));
    }
}
