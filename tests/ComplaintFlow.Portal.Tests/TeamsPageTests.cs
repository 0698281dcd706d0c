using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintFlow.Portal.Tests;

/// <summary>
/// Staff directory and teams in the browser. A supervisor reads the unassigned work list, whose rows show the subject,
/// customer, age, SLA countdown and why it was escalated; gives one complaint to a member of the Billing team, and
/// hands another to the team's queue in Chinese; a misspelt person or team (a stale page, a crafted request) is
/// refused next to its field, nothing changed. A member then finds the complaint in the team's queue, in English and
/// Chinese. Axe clean in both languages; screenshots kept.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TeamsPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = null!;

    public async Task InitializeAsync() => _host = await AppHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:Mode"] = "Development",
        ["ComplaintFlow:Portal:Teams:billing:Name"] = "Billing",
        ["ComplaintFlow:Portal:Teams:billing:Members:0"] = "amy@desk.example",
        ["ComplaintFlow:Portal:Teams:billing:Members:1"] = "lee@desk.example",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_supervisor_picks_an_assignee_and_a_team_an_unknown_one_is_refused_and_a_member_finds_it_in_the_teams_queue_in_English_and_Chinese()
    {
        var now = DateTimeOffset.UtcNow;
        var outage = await SeedAsync("teams-outage", "王小明", "宽带断网三天了，客服电话一直打不通。\n我要投诉到工信部。", "zh-Hans", now.AddHours(-30), TimeSpan.FromHours(-6), escalationTier: 1);
        var bill = await SeedAsync("teams-bill", "Li Lei", "My bill doubled without notice.", "en", now.AddHours(-5), TimeSpan.FromDays(2));
        var errors = new List<string>();
        var sam = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(sam, "sam@desk.example", "agent", "supervisor");

        // A work-list row says what the complaint is about, whose it is, how old, how long is left and why it was escalated.
        var row = await PortalPages.FindInListAsync(sam, "unassigned", outage.Reference);
        var cells = row.Locator("td");
        await Expect(cells.Nth(1)).ToHaveTextAsync("宽带断网三天了，客服电话一直打不通。");
        await Expect(cells.Nth(1)).ToHaveAttributeAsync("lang", "zh-Hans");
        await Expect(cells.Nth(2)).ToHaveTextAsync("王小明");
        await Expect(cells.Nth(6)).ToHaveTextAsync("1 d 6 h");
        await Expect(cells.Nth(9)).ToHaveClassAsync("overdue");
        await Expect(cells.Nth(9)).ToContainTextAsync("overdue by 6 h");
        await Expect(cells.Nth(10)).ToHaveTextAsync("SLA breached, tier 1: resolve (internal)");
        await Axe.AssertCleanAsync(sam, "unassigned work list with summaries, English");
        await PortalPages.ScreenshotAsync(sam, "50-work-list-rows-en");

        // "Assign to" offers the desk's staff (a team member who never signed in included) and its teams.
        await sam.GotoAsync($"/portal/complaint.html?id={bill.Id}");
        await Expect(sam.Locator("#assignee option[value='lee@desk.example']")).ToHaveCountAsync(1);
        await Expect(sam.Locator("#assign-team option[value=billing]")).ToHaveTextAsync("Billing");

        // A name or team the desk does not know (as a stale page or a crafted request would send) is refused beside its field.
        await sam.EvaluateAsync("() => { document.getElementById('assignee').append(new Option('amy@desk.exmaple', 'amy@desk.exmaple')); document.getElementById('assign-team').append(new Option('biling', 'biling')); }");
        await sam.SelectOptionAsync("#assignee", "amy@desk.exmaple");
        await sam.ClickAsync("#assign-form button[type=submit]");
        await Expect(sam.Locator("#assign-form [data-error-for=assignee]")).ToHaveTextAsync("Nobody called 'amy@desk.exmaple' works on the desk: choose someone from the list.");
        await Expect(sam.Locator("#assignee")).ToHaveAttributeAsync("aria-invalid", "true");
        await sam.SelectOptionAsync("#assignee", string.Empty);
        await sam.SelectOptionAsync("#assign-team", "biling");
        await sam.ClickAsync("#assign-form button[type=submit]");
        await Expect(sam.Locator("#assign-form [data-error-for=team]")).ToHaveTextAsync("The desk has no team called 'biling': choose a team from the list.");
        await Expect(sam.Locator("#owner")).ToHaveTextAsync("Nobody owns this complaint yet.");
        await Expect(sam.Locator("#timeline li[data-type=assigned]")).ToHaveCountAsync(0);
        await PortalPages.ScreenshotAsync(sam, "51-assign-refused-en");

        await sam.SelectOptionAsync("#assignee", "lee@desk.example");
        await sam.SelectOptionAsync("#assign-team", "billing");
        await sam.ClickAsync("#assign-form button[type=submit]");
        await Expect(sam.Locator("#owner")).ToHaveTextAsync("Owned by lee@desk.example In the queue of Billing.");
        await Expect(sam.Locator("#timeline li[data-type=assigned]")).ToContainTextAsync("to lee@desk.example · team: Billing");
        await Axe.AssertCleanAsync(sam, "complaint assigned in a team, English");

        // In Chinese: the escalated outage goes to the team's queue for whoever in Billing is free.
        await sam.GotoAsync($"/portal/complaint.html?id={outage.Id}");
        await sam.ClickAsync("#desk-lang-zh-Hans");
        await Expect(sam.Locator("label[for=assign-team]")).ToHaveTextAsync("小组");
        await sam.SelectOptionAsync("#assign-team", "billing");
        await sam.ClickAsync("#assign-form button[type=submit]");
        await Expect(sam.Locator("#owner")).ToHaveTextAsync("此投诉尚无负责人。 在Billing的队列中。");
        await Expect(sam.Locator("#timeline li[data-type=assigned]")).ToContainTextAsync("转入小组队列 · 小组：Billing");
        await Axe.AssertCleanAsync(sam, "complaint handed to a team, Chinese");
        await PortalPages.ScreenshotAsync(sam, "52-handed-to-team-zh-Hans");

        // A member finds it in the team's queue (open, nobody took it): the one Lee has is in the team's view only.
        var amy = await PortalPages.NewPageAsync(browser, _host, errors);
        await PortalPages.SignInAsync(amy, "amy@desk.example", "agent");
        await amy.GotoAsync("/portal/search.html?status=open");
        await amy.ClickAsync(".views a[data-view=queue][data-team=billing]");
        var rows = amy.Locator("#results tbody tr[data-id]");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("td").Nth(0)).ToHaveTextAsync(outage.Reference);
        await Expect(rows.First.Locator("td").Nth(5)).ToHaveTextAsync("unassigned · Billing");
        await Expect(amy.Locator(".views a[data-view=queue]")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(amy.Locator("select[name=team]")).ToHaveValueAsync("billing");
        await Axe.AssertCleanAsync(amy, "team queue, English");
        await amy.ClickAsync(".views a[data-view=open][data-team=billing]");
        await Expect(rows).ToHaveCountAsync(2);

        await amy.ClickAsync("#desk-lang-zh-Hans");
        await amy.ClickAsync(".views a[data-view=queue][data-team=billing]");
        await Expect(amy.Locator(".views a[data-view=queue]")).ToHaveTextAsync("Billing：小组队列");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("td").Nth(5)).ToHaveTextAsync("未分派 · Billing");
        await Axe.AssertCleanAsync(amy, "team queue, Chinese");
        await PortalPages.ScreenshotAsync(amy, "53-team-queue-zh-Hans");

        // A team the desk does not have, typed into the address: said so, not an empty queue.
        await amy.ClickAsync("#desk-lang-en");
        await amy.GotoAsync("/portal/search.html?status=open&team=biling");
        await Expect(amy.Locator("#search [data-error-for=team]")).ToHaveTextAsync("The desk has no team called 'biling': choose a team from the list.");
        await Expect(rows).ToHaveCountAsync(0);

        // The browser logs the refusals (400) it was meant to get, nothing else.
        var unexpected = errors.Where(e => !e.Contains("status of 400", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected));
    }

    private async Task<Complaint> SeedAsync(string source, string name, string text, string language, DateTimeOffset received, TimeSpan dueIn, int escalationTier = 0)
    {
        var complaint = new Complaint
        {
            Id = ComplaintId.FromSource(Channel.Web, source),
            Channel = Channel.Web,
            ReceivedAt = received,
            Contact = new ContactDetails { Name = name, Email = $"{source}@example.com" },
            Text = text,
            Language = language,
            SourceMessageId = source,
            Status = ComplaintStatus.Open,
            Triage = new TriageResult
            {
                Priority = Priority.P2,
                Urgency = 0.5,
                Sentiment = new SentimentResult { DocumentId = "1", Label = SentimentLabel.Negative, Positive = 0.1, Neutral = 0.2, Negative = 0.7, Analyzer = "seed" },
                PrimaryCategory = "broadband",
            },
            Deadlines = [new Deadline { Kind = DeadlineKinds.Resolve, Clock = DeadlineKinds.InternalClock, StartedAt = received, DueAt = DateTimeOffset.UtcNow + dueIn + TimeSpan.FromSeconds(30), Pausable = true, EscalationTier = escalationTier }],
        };
        Assert.True(await _host.Complaints.TryCreateAsync(complaint.Change(received).Record(EventTypes.Received, Actors.Customer), CancellationToken.None));
        return complaint;
    }
}
