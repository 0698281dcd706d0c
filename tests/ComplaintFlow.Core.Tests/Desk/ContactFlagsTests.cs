using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// Difficult contacts (issue 20 item 6): a supervisor flags the person behind a complaint as habitual or abusive,
/// with why, the plan agreed for them and an end date; every other complaint of that person (by email or phone)
/// shows it until it ends or is lifted; agents cannot set one; an erasure forgets it.
/// </summary>
public sealed class ContactFlagsTests
{
    // Monday 7 December 2026, 10:00 in Beijing.
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly FakeTimeProvider _time = new(Now);

    private static Complaint ComplaintOf(string id, string? email, string? phone) => new()
    {
        Id = id,
        Channel = Channel.Web,
        ReceivedAt = Now.AddDays(-3),
        Contact = new ContactDetails { Name = "Wang Fang", Email = email, Phone = phone },
        Text = "Fourth complaint about the same bill.",
        Language = "zh-Hans",
        SourceMessageId = id,
        Status = ComplaintStatus.Open,
    };

    private static ContactFlagInput Abusive(string expiresOn = "2027-03-07") =>
        new(ContactFlagKinds.Abusive, "Shouted abuse at two agents on 3 and 4 Dec.", "Supervisor takes every call.\nEnd the call after one warning.", expiresOn, "k-1");

    [Fact]
    public void A_supervisor_flags_a_contact_and_the_event_carries_the_whole_flag_ending_at_the_end_of_the_day_in_the_desk_zone()
    {
        var complaint = ComplaintOf("W-1", "wang.fang@example.cn", "+8613800138000");

        var change = ContactFlags.Flag(complaint, DeskFixtures.Supervisor, Abusive(), Now, Beijing);

        var recorded = Assert.Single(change.Events);
        Assert.Equal(ContactFlagEventTypes.Flagged, recorded.Type);
        Assert.Equal(DeskFixtures.Supervisor.Id, recorded.Actor);
        var flag = Assert.Single(ContactFlags.FromHistory(complaint.Id, [recorded with { Sequence = 2, At = Now }], []));
        Assert.Equal(ContactFlagKinds.Abusive, flag.Kind);
        Assert.Equal("Shouted abuse at two agents on 3 and 4 Dec.", flag.Reason);
        Assert.Contains("End the call after one warning.", flag.Plan, StringComparison.Ordinal);
        // 7 March 2027 to its end in Beijing: midnight of the 8th there, 16:00 UTC on the 7th.
        Assert.Equal(new DateTimeOffset(2027, 3, 7, 16, 0, 0, TimeSpan.Zero), flag.ExpiresAt);
        Assert.True(flag.IsActive(Now));
        Assert.False(flag.IsActive(flag.ExpiresAt));
    }

    [Fact]
    public void An_agent_cannot_flag_a_contact()
    {
        var refusal = Assert.Throws<DeskRefusal>(() => ContactFlags.Flag(ComplaintOf("W-1", "wang.fang@example.cn", null), DeskFixtures.Agent, Abusive(), Now, Beijing));

        Assert.Equal(RefusalKind.Forbidden, refusal.Kind);
    }

    [Fact]
    public void Every_missing_or_wrong_field_is_named_at_once_in_the_supervisors_language()
    {
        var chinese = DeskFixtures.Supervisor with { Language = SupportedLanguages.SimplifiedChinese };

        var refusal = Assert.Throws<DeskRefusal>(() => ContactFlags.Flag(
            ComplaintOf("W-1", "wang.fang@example.cn", null), chinese, new ContactFlagInput("vip", " ", null, "2027-13-01", null), Now, Beijing));

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Equal(["kind", "reason", "plan", "expiresOn"], refusal.Errors.Select(e => e.Field));
        Assert.Contains("habitual, abusive", refusal.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("截止日期格式为 YYYY-MM-DD。", refusal.Errors[3].Message);
    }

    [Theory]
    [InlineData("2026-12-06")] // yesterday in Beijing
    [InlineData("2027-12-09")] // more than a year ahead: a flag is reviewed, not kept for ever
    public void An_end_date_in_the_past_or_more_than_a_year_ahead_is_refused(string expiresOn)
    {
        var refusal = Assert.Throws<DeskRefusal>(() => ContactFlags.Flag(ComplaintOf("W-1", "wang.fang@example.cn", null), DeskFixtures.Supervisor, Abusive(expiresOn), Now, Beijing));

        Assert.Equal("expiresOn", Assert.Single(refusal.Errors).Field);
    }

    [Fact]
    public void A_complaint_without_email_or_phone_cannot_be_flagged_since_no_other_complaint_could_show_it()
    {
        var refusal = Assert.Throws<DeskRefusal>(() => ContactFlags.Flag(ComplaintOf("W-1", null, null), DeskFixtures.Supervisor, Abusive(), Now, Beijing));

        Assert.Equal(RefusalKind.WrongState, refusal.Kind);
    }

    [Fact]
    public async Task A_flag_set_on_one_complaint_shows_on_the_persons_other_complaints_by_either_identity_until_a_supervisor_lifts_it_from_any_of_them()
    {
        var store = new InMemoryContactFlags();
        var first = ComplaintOf("W-1", "Wang.Fang@Example.cn", "+86 138 0013 8000");
        var flagged = ContactFlags.Flag(first, DeskFixtures.Supervisor, Abusive(), Now, Beijing);
        foreach (var flag in ContactFlags.FromHistory(first.Id, [.. flagged.Events.Select((e, i) => e with { Sequence = i + 2, At = Now })], []))
        {
            await store.SaveAsync(first.Contact, flag, CancellationToken.None);
        }

        // A text from the same phone, and an email from the same address, each a complaint of its own.
        var bySms = ComplaintOf("S-2", null, "+8613800138000");
        var byEmail = ComplaintOf("W-3", "wang.fang@example.cn", null);
        var stranger = ComplaintOf("W-4", "someone.else@example.cn", "+8613900139000");
        var held = await store.ForAsync(bySms.Contact, CancellationToken.None);
        Assert.Single(ContactFlags.Active(held, Now));
        Assert.Single(ContactFlags.Active(await store.ForAsync(byEmail.Contact, CancellationToken.None), Now));
        Assert.Empty(await store.ForAsync(stranger.Contact, CancellationToken.None));

        // Lifted from the SMS complaint, which knows only the phone: the copy under the email ends too.
        var lift = ContactFlags.Lift(bySms, held, DeskFixtures.Supervisor, held[0].Id, "Apologised in writing; calm since.", "k-2", Now.AddDays(10));
        foreach (var flag in ContactFlags.FromHistory(bySms.Id, [.. lift.Events.Select((e, i) => e with { Sequence = i + 2, At = Now.AddDays(10) })], held))
        {
            await store.SaveAsync(bySms.Contact, flag, CancellationToken.None);
        }

        Assert.Empty(ContactFlags.Active(await store.ForAsync(byEmail.Contact, CancellationToken.None), Now.AddDays(10)));
        var ended = Assert.Single(await store.ForAsync(byEmail.Contact, CancellationToken.None));
        Assert.Equal("Apologised in writing; calm since.", ended.LiftReason);
        Assert.Equal(DeskFixtures.Supervisor.Id, ended.LiftedBy);
        Assert.Throws<DeskRefusal>(() => ContactFlags.Lift(byEmail, [ended], DeskFixtures.Supervisor, ended.Id, "again", null, Now.AddDays(11)));
    }

    [Fact]
    public void A_flag_past_its_end_date_no_longer_shows()
    {
        var complaint = ComplaintOf("W-1", "wang.fang@example.cn", null);
        var flagged = ContactFlags.Flag(complaint, DeskFixtures.Supervisor, Abusive("2026-12-31"), Now, Beijing);
        var flag = Assert.Single(ContactFlags.FromHistory(complaint.Id, [flagged.Events[0] with { Sequence = 2, At = Now }], []));

        Assert.Single(ContactFlags.Active([flag], new DateTimeOffset(2026, 12, 31, 15, 59, 0, TimeSpan.Zero)));
        Assert.Empty(ContactFlags.Active([flag], new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_policy_has_a_default_plan_for_each_kind_in_every_desk_language()
    {
        var plans = HandlingGuidance.Default.FlagPlans;

        Assert.Equal(ContactFlagKinds.All.Order(), plans.Keys.Order());
        foreach (var plan in plans.Values)
        {
            foreach (var language in new[] { "en", "zh-Hans", "zh-Hant" })
            {
                Assert.False(string.IsNullOrWhiteSpace(plan.Title[language]));
                Assert.NotEmpty(plan.Steps[language]);
            }
        }
    }

    [Fact]
    public async Task Erasing_a_contact_forgets_the_flags_held_about_them()
    {
        var pipeline = new InMemoryPipeline(_time);
        var id = (await pipeline.SubmitAsync("flag-erase", "Fourth complaint about the same bill.", email: "wang.fang@example.cn", phone: "+8613800138000")).Complaint.Id;
        await pipeline.RunTriageAsync();
        var complaint = await pipeline.ComplaintAsync(id);
        var flagged = ContactFlags.Flag(complaint, DeskFixtures.Supervisor, Abusive(), Now, Beijing);
        await pipeline.Flags.SaveAsync(complaint.Contact, ContactFlags.FromHistory(id, [flagged.Events[0] with { Sequence = 9, At = Now }], [])[0], CancellationToken.None);

        Assert.True(ContactIdentity.TryParse("wang.fang@example.cn", "CN", out var identity));
        await pipeline.DataRights.EraseAsync(identity, DeskFixtures.Supervisor, CancellationToken.None);

        Assert.Empty(await pipeline.Flags.ForAsync(new ContactDetails { Phone = "+8613800138000" }, CancellationToken.None));
    }
}
