using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Core.Desk.Search;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// The desk's search (<see cref="SearchTerms"/>, <see cref="SearchQuery"/>, <see cref="ComplaintSearch"/>) over the
/// in-memory pipeline, whose store keeps the search index in step with every write: what staff type finds the
/// complaint they mean, whatever the format; views page, sort and filter; erasure leaves nothing to find.
/// </summary>
public sealed class ComplaintSearchTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly InMemoryPipeline _pipeline;
    private readonly ComplaintSearch _search;

    public ComplaintSearchTests()
    {
        _pipeline = new InMemoryPipeline(_time);
        _search = new ComplaintSearch(_pipeline.Search, _pipeline.Complaints, new WorkLists(new PortalOptions()));
    }

    private async Task<string> SubmitAsync(string key, string text, string? email = "li.lei@example.com", string? phone = null, string language = "en")
    {
        _time.Advance(TimeSpan.FromMinutes(1));
        var outcome = await _pipeline.SubmitAsync(key, text, email, phone, language);
        Assert.Equal(IntakeOutcomeKind.Created, outcome.Kind);

        // A complaint is indexed by Triage, off the web form's path: searchable once its queue message is handled.
        await _pipeline.RunTriageAsync();
        return outcome.Complaint.Id;
    }

    private async Task<SearchPage> FindAsync(SearchQuery query, int take = ComplaintSearch.DefaultTake, string? continuation = null)
    {
        var errors = new List<ValidationError>();
        var terms = query.Terms("CN", SupportedLanguages.English, errors);
        Assert.Empty(errors);
        return await _search.SearchAsync(terms, take, continuation, _time.GetUtcNow(), CancellationToken.None);
    }

    private async Task<IReadOnlyList<string>> IdsAsync(string text) => [.. (await FindAsync(new SearchQuery { Text = text })).Rows.Select(r => r.ComplaintId)];

    [Theory]
    [InlineData("+86 138 1234 5678")]
    [InlineData("13812345678")]
    [InlineData("138-1234-5678")]
    [InlineData("0086 138 1234 5678")]
    [InlineData("+8613812345678")]
    public async Task A_phone_number_typed_in_any_format_finds_the_complaint(string typed)
    {
        var theirs = await SubmitAsync("k1", "The line is dead.", email: null, phone: "+8613812345678");
        await SubmitAsync("k2", "The line is dead.", email: null, phone: "+8613912345678");

        Assert.Equal([theirs], await IdsAsync(typed));
    }

    [Fact]
    public async Task A_foreign_number_typed_the_way_its_owner_writes_it_at_home_finds_it_from_a_chinese_desk()
    {
        var theirs = await SubmitAsync("k1", "Roaming charges.", email: null, phone: "+447911123456");

        Assert.Equal([theirs], await IdsAsync("07911 123456"));
        Assert.Equal([theirs], await IdsAsync("+44 7911 123456"));
    }

    [Fact]
    public async Task A_reference_finds_its_complaint_however_it_is_typed_and_a_ten_letter_word_stays_a_word()
    {
        var id = await SubmitAsync("k1", "Nobody complained back to me.");
        await SubmitAsync("k2", "Another complaint entirely.");
        var reference = ComplaintId.ToReference(id);

        Assert.Equal([id], await IdsAsync(reference));
        Assert.Equal([id], await IdsAsync(reference.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)));
        Assert.Equal([id], await IdsAsync("complained"));
    }

    [Fact]
    public async Task An_email_address_finds_its_complaints_in_any_case_and_a_name_by_its_words()
    {
        var li = await SubmitAsync("k1", "Bill doubled.", email: "li.lei@example.com");
        var wang = await SubmitAsync("k2", "Bill doubled.", email: "wang.fang@example.com");

        Assert.Equal([li], await IdsAsync("Li.Lei@Example.com"));
        Assert.Equal([wang, li], await IdsAsync("lei"));
    }

    [Fact]
    public async Task Chinese_words_are_found_inside_longer_text_simplified_or_traditional_and_english_words_by_stem()
    {
        var refund = await SubmitAsync("k1", "我申请退款已经一个月了，还没有到账。", language: "zh-Hans");
        var outage = await SubmitAsync("k2", "停電三天，冰箱裡的東西都壞了。", language: "zh-Hant");
        var english = await SubmitAsync("k3", "Three REFUNDS promised, none arrived.");

        Assert.Equal([refund], await IdsAsync("退款"));
        Assert.Equal([refund], await IdsAsync("申請退款"));
        Assert.Equal([outage], await IdsAsync("停电"));
        Assert.Equal([outage], await IdsAsync("冰箱"));
        Assert.Equal([english], await IdsAsync("refund"));
        Assert.Equal([english], await IdsAsync("ｒｅｆｕｎｄｓ promised"));
        Assert.Empty(await IdsAsync("refund 冰箱"));
    }

    [Fact]
    public void Terms_leave_out_common_words_and_a_query_of_nothing_else_is_refused_in_the_staff_members_language()
    {
        Assert.DoesNotContain("w:the", SearchTerms.Words("The bill and the meter"));
        Assert.Contains("w:meter", SearchTerms.Words("The bill and the meter"));

        var errors = new List<ValidationError>();
        new SearchQuery { Text = "the and" }.Terms("CN", SupportedLanguages.SimplifiedChinese, errors);
        Assert.Equal("q", Assert.Single(errors).Field);
        Assert.Contains("投诉编号", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_come_newest_first_in_pages_that_continue_exactly_where_the_last_stopped()
    {
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await SubmitAsync($"k{i}", $"Meter reading wrong, visit {i}."));
        }

        await SubmitAsync("other", "Nothing to do with it.");
        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await FindAsync(new SearchQuery { Text = "meter" }, take: 3, continuation);
            seen.AddRange(page.Rows.Select(r => r.ComplaintId));
            continuation = page.Continuation;
            pages++;
        }
        while (continuation is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    [Fact]
    public async Task Views_list_open_and_resolved_by_owner_oldest_or_newest_first_and_follow_every_change()
    {
        var first = await SubmitAsync("k1", "First.");
        var second = await SubmitAsync("k2", "Second.");
        var third = await SubmitAsync("k3", "Third.");
        await SaveAsync(second, c => c with { Owner = "amy@desk.example" });
        await SaveAsync(third, c => c with { Status = ComplaintStatus.Resolved });

        Assert.Equal([second, first], (await FindAsync(new SearchQuery { Status = SearchStatus.Open })).Rows.Select(r => r.ComplaintId));
        Assert.Equal([first, second], (await FindAsync(new SearchQuery { Status = SearchStatus.Open, Sort = SearchSort.Oldest })).Rows.Select(r => r.ComplaintId));
        Assert.Equal([third], (await FindAsync(new SearchQuery { Status = SearchStatus.Resolved })).Rows.Select(r => r.ComplaintId));
        Assert.Equal([second], (await FindAsync(new SearchQuery { Owner = "Amy@desk.example" })).Rows.Select(r => r.ComplaintId));
        Assert.Equal([third, first], (await FindAsync(new SearchQuery { Unassigned = true })).Rows.Select(r => r.ComplaintId));

        // Reassigned and reopened: the old owner's and the old status's rows are gone from the index, not only hidden.
        await SaveAsync(second, c => c with { Owner = "bo@desk.example" });
        await SaveAsync(third, c => c with { Status = ComplaintStatus.Open });
        Assert.Empty((await FindAsync(new SearchQuery { Owner = "amy@desk.example" })).Rows);
        Assert.Empty((await FindAsync(new SearchQuery { Status = SearchStatus.Resolved })).Rows);
        Assert.DoesNotContain(_pipeline.Search.Rows(), r => r.Term == SearchTerms.Owner("amy@desk.example"));
        Assert.DoesNotContain(_pipeline.Search.Rows(), r => r.Term == SearchTerms.Status(SearchStatus.Resolved));
    }

    [Fact]
    public async Task A_row_shows_the_subject_customer_age_next_deadline_and_why_it_was_escalated()
    {
        var id = await SubmitAsync("k1", "\n  Power cut for three days and my fridge is ruined, I will go to the regulator.\nMore detail follows.");
        await _pipeline.RunTriageAsync();
        await SaveAsync(id, c => c with { Deadlines = [.. c.Deadlines.Select((d, i) => i == 0 ? d with { EscalationTier = 2 } : d)] });
        _time.Advance(TimeSpan.FromHours(3));

        var row = Assert.Single((await FindAsync(new SearchQuery { Text = "fridge" })).Rows);

        Assert.Equal("Power cut for three days and my fridge is ruined, I will go to the regulator.", row.Subject);
        Assert.Equal("Li Lei", row.Customer);
        Assert.Equal(180, row.AgeMinutes);
        Assert.NotNull(row.Next);
        Assert.Equal("tier-2", row.Escalation);
        var escalated = (await _pipeline.ComplaintAsync(id)).Deadlines[0];
        Assert.Equal($"{escalated.Kind} ({escalated.Clock})", row.EscalationReason);
    }

    [Fact]
    public async Task A_row_left_behind_in_the_index_is_never_shown()
    {
        var id = await SubmitAsync("k1", "Broadband slow.");
        var complaint = await _pipeline.ComplaintAsync(id);

        // As a crash between an index write and the state write would leave it.
        await _pipeline.Search.AddAsync([new SearchEntry("w:ghost", KeyOrder.Newest(complaint))], CancellationToken.None);

        Assert.Empty(await IdsAsync("ghost"));
        Assert.Equal([id], await IdsAsync("broadband"));
    }

    [Fact]
    public async Task A_lost_race_takes_out_what_the_loser_added()
    {
        var id = await SubmitAsync("k1", "Broadband slow.");
        var read = await _pipeline.Complaints.FindAsync(id, CancellationToken.None);
        await SaveAsync(id, c => c with { Owner = "amy@desk.example" });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _pipeline.Complaints.SaveAsync(
            read!.Complaint.Change(_time.GetUtcNow()).Apply(c => c with { Owner = "bo@desk.example" }).Record(EventTypes.Assigned, "bo@desk.example"),
            read.Version,
            CancellationToken.None));

        Assert.DoesNotContain(_pipeline.Search.Rows(), r => r.Term == SearchTerms.Owner("bo@desk.example"));
        Assert.Contains(_pipeline.Search.Rows(), r => r.Term == SearchTerms.Owner("amy@desk.example") && r.ComplaintId == id);
    }

    [Fact]
    public async Task After_erasure_nothing_of_the_customer_is_in_the_index_and_the_reference_still_finds_the_erased_complaint()
    {
        var id = await SubmitAsync("k1", "Wang Xiaoming here, 我家停电了, call 13812345678.", email: "wang.xm@example.com", phone: "+8613812345678");
        var other = await SubmitAsync("k2", "停电 again.", email: "other@example.com");

        ContactIdentity.TryParse("wang.xm@example.com", "CN", out var identity);
        await _pipeline.DataRights.EraseAsync(identity, DeskFixtures.Supervisor, CancellationToken.None);

        Assert.Empty(await IdsAsync("wang.xm@example.com"));
        Assert.Empty(await IdsAsync("138 1234 5678"));
        Assert.Empty(await IdsAsync("xiaoming"));
        Assert.Equal([other], await IdsAsync("停电"));
        var erased = Assert.Single((await FindAsync(new SearchQuery { Text = ComplaintId.ToReference(id) })).Rows);
        Assert.True(erased.Erased);
        Assert.Null(erased.Customer);
        var left = _pipeline.Search.Rows().Where(r => r.ComplaintId == id).Select(r => r.Term).ToList();
        Assert.All(left, term => Assert.False(term.StartsWith("w:", StringComparison.Ordinal) || term.StartsWith("e:", StringComparison.Ordinal) || term.StartsWith("p:", StringComparison.Ordinal), term));
    }

    [Fact]
    public async Task A_rare_word_beside_a_common_one_costs_reads_for_the_matches_not_for_the_common_word()
    {
        for (var i = 0; i < 600; i++)
        {
            await _pipeline.Complaints.TryCreateAsync(Bulk(i, i % 200 == 7 ? "bill flood" : "bill"), CancellationToken.None);
        }

        var before = _pipeline.Search.Reads;
        var page = await FindAsync(new SearchQuery { Text = "bill flood" });

        Assert.Equal(3, page.Rows.Count);
        Assert.Null(page.Continuation);
        Assert.InRange(_pipeline.Search.Reads - before, 2, 12);
    }

    private ComplaintChange Bulk(int i, string text) => new Complaint
    {
        Id = ComplaintId.FromSource(Channel.Web, $"bulk-{i}"),
        Channel = Channel.Web,
        ReceivedAt = Monday.AddMinutes(-i),
        Contact = new ContactDetails { Email = $"c{i}@example.com" },
        Text = text,
        Language = "en",
        SourceMessageId = $"bulk-{i}",
        Status = ComplaintStatus.Open,
    }.Change(Monday).Record(EventTypes.Received, Actors.Customer);

    private async Task SaveAsync(string id, Func<Complaint, Complaint> change)
    {
        var read = await _pipeline.Complaints.FindAsync(id, CancellationToken.None);
        await _pipeline.Complaints.SaveAsync(read!.Complaint.Change(_time.GetUtcNow()).Apply(change).Record(EventTypes.Note, "amy@desk.example"), read.Version, CancellationToken.None);
    }
}
