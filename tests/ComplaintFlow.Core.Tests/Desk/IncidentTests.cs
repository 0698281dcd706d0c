using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.Incidents;
using ComplaintFlow.Core.Notify.Sms;
using ComplaintFlow.Core.Triage;
using ComplaintFlow.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintFlow.Core.Tests.Desk;

/// <summary>
/// Incidents (issue 19): triage links a complaint about a known outage to it, or suggests the link; an update reaches
/// every linked customer once in their language; resolving the incident resolves each linked complaint with its own
/// letter and clocks.
/// </summary>
public sealed class IncidentTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero); // 09:00 in Hong Kong
    private static readonly StaffMember Supervisor = new("sam@desk.example", "Sam", IsSupervisor: true);
    private static readonly StaffMember Agent = new("amy@desk.example", "Amy", IsSupervisor: false);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryPipeline _pipeline;

    public IncidentTests() => _pipeline = new InMemoryPipeline(_time);

    private async Task<Incident> OpenAsync(string area = "kowloon-tong", string category = "outage", DateTimeOffset? startsAt = null, string? endsAt = null)
    {
        var result = await _pipeline.IncidentActions.OpenAsync(
            new IncidentInput(area, category, (startsAt ?? Start).ToString("o"), endsAt, new Dictionary<string, string>
            {
                ["en"] = "A cable fault cut power in Kowloon Tong; engineers are on site.",
                ["zh-Hans"] = "九龙塘电缆故障导致停电，工程人员已到场抢修。",
            }),
            Supervisor, CancellationToken.None);
        Assert.Null(result.Refusal);
        return result.Saved!.Incident;
    }

    private async Task<Complaint> ComplainAsync(string key, string text, string language = "en", string? phone = null, string? email = "li.lei@example.com")
    {
        _time.Advance(TimeSpan.FromMinutes(1));
        var outcome = await _pipeline.SubmitAsync(key, text, email: email, phone: phone, language: language);
        await _pipeline.RunTriageAsync();
        return await _pipeline.ComplaintAsync(outcome.Complaint.Id);
    }

    [Fact]
    public async Task An_English_complaint_naming_the_area_is_linked_and_its_acknowledgement_says_the_problem_is_known()
    {
        var incident = await OpenAsync();
        var complaint = await ComplainAsync("en-1", "Power cut in Kowloon Tong since 9 this morning, my fridge is warming up.");

        Assert.Equal(incident.Id, complaint.IncidentId);
        var linked = Assert.Single(await _pipeline.HistoryAsync(complaint.Id), e => e.Type == EventTypes.IncidentLinked);
        Assert.Equal(Actors.System, linked.Actor);
        Assert.Contains("text:kowloon tong", linked.Data["reasons"], StringComparison.Ordinal);
        Assert.Equal([complaint.Id], (await _pipeline.Incidents.LinksAsync(incident.Id, CancellationToken.None)).Select(l => l.ComplaintId));

        await _pipeline.RunNotifyAsync();
        var acknowledgement = Assert.Single(_pipeline.Email.Sent);
        Assert.Contains("We already know about this problem in Kowloon Tong", acknowledgement.Text, StringComparison.Ordinal);
        Assert.Contains("engineers are on site", acknowledgement.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("九龙塘停电了，从早上九点到现在还没有电。", "zh-Hans", "九龙塘")]
    [InlineData("九龍塘停電了，由朝早九點到而家都冇電。", "zh-Hant", "九龙塘")]
    public async Task A_Chinese_complaint_naming_the_area_is_linked_and_acknowledged_in_Chinese(string text, string language, string reason)
    {
        var incident = await OpenAsync();
        var complaint = await ComplainAsync("zh-" + language, text, language);

        Assert.Equal(incident.Id, complaint.IncidentId);
        Assert.Contains("text:" + reason, (await _pipeline.HistoryAsync(complaint.Id)).Single(e => e.Type == EventTypes.IncidentLinked).Data["reasons"], StringComparison.Ordinal);
        await _pipeline.RunNotifyAsync();
        var acknowledgement = Assert.Single(_pipeline.Email.Sent);
        Assert.Contains(language == "zh-Hans" ? "我们已经知悉" : "我們已經知悉", acknowledgement.Text, StringComparison.Ordinal);
        Assert.Contains("九龙塘电缆故障", acknowledgement.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("九龍塘停電，屋企冇電成個朝早，雪櫃啲嘢都就快壞晒。", "+85291234567", "您反映的問題（九龍塘）我們已經知悉，正在處理。")]
    [InlineData("Power cut in Kowloon Tong since nine this morning and the fridge is warming up.", "+447911123456", "We already know about this problem in Kowloon Tong and are working on it.")]
    public async Task A_text_message_about_a_known_incident_is_told_by_text_that_it_is_known_with_its_reference_and_promise(string text, string from, string known)
    {
        await OpenAsync();
        var outcome = await _pipeline.TextAsync("SM" + from.TrimStart('+').PadRight(32, '0'), text, from);
        Assert.True(outcome.ComplaintId is not null, outcome.ToString());
        await _pipeline.RunTriageAsync();
        var complaint = await _pipeline.ComplaintAsync(outcome.ComplaintId!);
        Assert.NotNull(complaint.IncidentId);

        await _pipeline.RunNotifyAsync();
        var sms = Assert.Single(_pipeline.Sms.Sent);
        Assert.Contains(known, sms.Body, StringComparison.Ordinal);
        Assert.Contains(complaint.Reference, sms.Body, StringComparison.Ordinal);
        Assert.Contains(text.StartsWith("Power", StringComparison.Ordinal) ? "We will respond by" : "前答覆", sms.Body, StringComparison.Ordinal);
        // One segment more than a read-back without the incident, never more than the limit.
        Assert.InRange(SmsSegmenter.Measure(sms.Body).Segments, 1, Math.Min(_pipeline.SmsOptions.MaxSegments, SmsComposer.ReadBackSegments + 1));
    }

    [Fact]
    public async Task The_phone_numbers_area_alone_is_a_suggestion_for_staff_to_confirm()
    {
        var incident = await OpenAsync(area: "shenzhen");
        var complaint = await ComplainAsync("phone", "We have had no power at home since this morning.", phone: "+8675512345678");

        Assert.Null(complaint.IncidentId);
        Assert.Equal(incident.Id, complaint.IncidentSuggestion?.IncidentId);
        Assert.Equal(0.5, complaint.IncidentSuggestion!.Confidence);
        Assert.Equal(["phone:+86755"], complaint.IncidentSuggestion.Reasons);
        await _pipeline.RunNotifyAsync();
        Assert.DoesNotContain("We already know", Assert.Single(_pipeline.Email.Sent).Text, StringComparison.Ordinal);

        // An agent confirms it: linked by them, the suggestion settled, the incident's index in step.
        var current = await _pipeline.Complaints.FindAsync(complaint.Id, CancellationToken.None);
        var confirmed = await _pipeline.IncidentActions.LinkAsync(complaint.Id, current!.Version, null, Agent, c => _pipeline.IncidentDesk.Suggested(c, Agent), null, CancellationToken.None);
        Assert.Equal(DeskActionOutcome.Done, confirmed.Outcome);
        Assert.Equal(incident.Id, confirmed.Saved!.Complaint.IncidentId);
        Assert.Null(confirmed.Saved.Complaint.IncidentSuggestion);
        var linked = (await _pipeline.HistoryAsync(complaint.Id)).Last();
        Assert.Equal((EventTypes.IncidentLinked, Agent.Id, "true"), (linked.Type, linked.Actor, linked.Data["confirmed"]));
        Assert.Single(await _pipeline.Incidents.LinksAsync(incident.Id, CancellationToken.None));
    }

    [Fact]
    public void The_place_given_on_the_form_and_the_phone_area_agree_above_either_alone()
    {
        var areas = IncidentAreas.Default;
        var evidence = areas.Evidence("深圳市南山区科技园", null, "家里停电了", "+8675512345678");

        Assert.Equal(1.0, evidence["shenzhen"].Confidence);
        Assert.Equal(["place:深圳", "phone:+86755"], evidence["shenzhen"].Reasons);
        Assert.Empty(areas.Evidence(null, null, "The power cut in Kowloon Tongue street", null));
    }

    [Fact]
    public void Without_an_area_code_in_the_data_the_offline_geocoder_places_the_number()
    {
        var guangzhou = new GazetteerArea
        {
            Key = "guangzhou",
            Names = new() { ["en"] = "Guangzhou", ["zh-Hans"] = "广州" },
            Places = ["guangzhou", "广州"],
        };
        var areas = IncidentAreas.Default with { Areas = [guangzhou] };

        var evidence = areas.Evidence(null, null, "家里停电了", "+862083001234");

        Assert.Equal(["phone:guangzhou"], evidence["guangzhou"].Reasons);
        Assert.Equal(areas.PhoneConfidence, evidence["guangzhou"].Confidence);
        Assert.Empty(areas.Evidence(null, null, "家里停电了", "+85291234567"));
    }

    [Fact]
    public async Task A_complaint_of_another_category_or_outside_the_window_is_not_linked()
    {
        await OpenAsync(startsAt: Start, endsAt: Start.AddHours(2).ToString("o"));

        var billing = await ComplainAsync("billing", "My bill for the Kowloon Tong flat is overcharged by 300 dollars.");
        Assert.Null(billing.IncidentId);
        Assert.Null(billing.IncidentSuggestion);

        _time.Advance(TimeSpan.FromHours(3));
        var later = await ComplainAsync("later", "Power cut in Kowloon Tong again tonight.");
        Assert.Null(later.IncidentId);
        Assert.Null(later.IncidentSuggestion);
    }

    [Fact]
    public async Task A_complaint_about_another_area_is_not_linked_and_below_the_suggestion_threshold_nothing_is_suggested()
    {
        await OpenAsync();
        var otherArea = await ComplainAsync("sha-tin", "Power cut in Sha Tin since this morning.");
        Assert.Null(otherArea.IncidentId);
        Assert.Null(otherArea.IncidentSuggestion);

        var vague = await ComplainAsync("vague", "Power cut at my home since this morning.", phone: "+85291234567");
        Assert.Null(vague.IncidentId);
        Assert.Null(vague.IncidentSuggestion);
    }

    [Fact]
    public async Task An_update_reaches_every_linked_customer_once_in_their_language_even_delivered_twice()
    {
        var incident = await OpenAsync();
        var english = await ComplainAsync("u-en", "Power cut in Kowloon Tong, when will it be back?", email: "amy@example.com");
        var chinese = await ComplainAsync("u-zh", "九龙塘停电，什么时候恢复？", "zh-Hans", email: "wang@example.com");
        var unlinked = await ComplainAsync("u-other", "Power cut in Sha Tin.", email: "other@example.com");
        await _pipeline.RunNotifyAsync();
        var acknowledgements = _pipeline.Email.Sent.Count;

        var posted = await _pipeline.IncidentActions.PostUpdateAsync(incident.Id, new IncidentUpdateInput(new Dictionary<string, string>
        {
            ["en"] = "Power is expected back by 14:00.",
            ["zh-Hans"] = "预计 14:00 前恢复供电。",
        }, "open"), Supervisor, null, CancellationToken.None);
        Assert.Null(posted.Refusal);

        // Every queue delivers at least once: the fan-out, each complaint's step and each notice arrive twice.
        await _pipeline.RunIncidentsAsync(deliveries: 2);
        await _pipeline.RunNotifyAsync(deliveries: 2);
        // A re-run of the whole update (the fan-out message replayed from poison, say) asks for nothing more.
        await _pipeline.Queue.SendAsync(QueueNames.Incidents, new IncidentMessage(incident.Id, "u1"), TimeSpan.Zero, CancellationToken.None);
        await _pipeline.RunIncidentsAsync();
        await _pipeline.RunNotifyAsync();

        var updates = _pipeline.Email.Sent.Skip(acknowledgements).ToList();
        Assert.Equal(2, updates.Count);
        Assert.Contains("Power is expected back by 14:00.", Assert.Single(updates, m => m.To == "amy@example.com").Text, StringComparison.Ordinal);
        Assert.Contains("预计 14:00 前恢复供电。", Assert.Single(updates, m => m.To == "wang@example.com").Text, StringComparison.Ordinal);
        Assert.DoesNotContain(updates, m => m.To == "other@example.com");
        Assert.Single(await _pipeline.HistoryAsync(english.Id), e => e.Type == EventTypes.IncidentNotice);
        Assert.Single((await _pipeline.ComplaintAsync(chinese.Id)).Notifications, n => n.Kind == NotificationKind.Incident);
        Assert.Null((await _pipeline.ComplaintAsync(unlinked.Id)).IncidentId);
    }

    [Fact]
    public async Task An_unlinked_complaint_gets_no_update_even_if_its_index_row_is_stale()
    {
        var incident = await OpenAsync();
        var complaint = await ComplainAsync("stale", "Power cut in Kowloon Tong.");
        var current = await _pipeline.Complaints.FindAsync(complaint.Id, CancellationToken.None);
        var unlinked = await _pipeline.IncidentActions.UnlinkAsync(complaint.Id, current!.Version, null, Agent, "different street", null, CancellationToken.None);
        Assert.Equal(DeskActionOutcome.Done, unlinked.Outcome);
        Assert.Empty(await _pipeline.Incidents.LinksAsync(incident.Id, CancellationToken.None));

        // A row left behind (the removal failed) is checked against the complaint and skipped.
        await _pipeline.Incidents.IndexLinkAsync(incident.Id, new IncidentLink(complaint.Id, complaint.ReceivedAt), CancellationToken.None);
        await _pipeline.RunNotifyAsync();
        var sent = _pipeline.Email.Sent.Count;
        await _pipeline.IncidentActions.PostUpdateAsync(incident.Id, new IncidentUpdateInput(new Dictionary<string, string> { ["en"] = "Fixed soon." }, null), Supervisor, null, CancellationToken.None);
        await _pipeline.RunIncidentsAsync();
        await _pipeline.RunNotifyAsync();
        Assert.Equal(sent, _pipeline.Email.Sent.Count);
    }

    [Fact]
    public async Task Resolving_the_incident_resolves_each_linked_complaint_with_its_own_letter_and_clocks()
    {
        var incident = await OpenAsync();
        var english = await ComplainAsync("r-en", "Power cut in Kowloon Tong.", email: "amy@example.com");
        var chinese = await ComplainAsync("r-zh", "九龙塘停电。", "zh-Hans", email: "wang@example.com");
        await _pipeline.RunNotifyAsync();
        var before = _pipeline.Email.Sent.Count;

        _time.Advance(TimeSpan.FromHours(3));
        var resolved = await _pipeline.IncidentActions.ResolveAsync(incident.Id, new IncidentResolutionInput(new Dictionary<string, string>
        {
            ["en"] = "The damaged cable was replaced and power was restored at 12:40.",
            ["zh-Hans"] = "受损电缆已更换，已于 12:40 恢复供电。",
        }, "third-party", "Cable route inspected"), Supervisor, null, CancellationToken.None);
        Assert.Equal(IncidentStatus.Resolved, resolved.Saved!.Incident.Status);

        await _pipeline.RunIncidentsAsync(deliveries: 2);
        await _pipeline.RunNotifyAsync(deliveries: 2);

        foreach (var (id, words) in new[] { (english.Id, "power was restored at 12:40"), (chinese.Id, "已于 12:40 恢复供电") })
        {
            var complaint = await _pipeline.ComplaintAsync(id);
            Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
            Assert.Contains(words, complaint.Resolution!.Text, StringComparison.Ordinal);
            Assert.Equal(Supervisor.Id, complaint.Resolution.ResolvedBy);
            Assert.All(complaint.Deadlines.Where(d => d.Kind != "follow-up"), d => Assert.NotNull(d.MetAt));
            Assert.Single(await _pipeline.HistoryAsync(id), e => e.Type == EventTypes.Resolved);
        }

        var letters = _pipeline.Email.Sent.Skip(before).Where(m => m.Text.Contains("12:40", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, letters.Count);
        Assert.Equal(2, letters.Select(m => m.To).Distinct().Count());
    }

    [Fact]
    public async Task Bad_input_is_refused_with_what_is_wrong_and_nothing_is_written()
    {
        var refused = await _pipeline.IncidentActions.OpenAsync(
            new IncidentInput("atlantis", "weather", "yesterday", null, new Dictionary<string, string> { ["fr"] = "panne" }), Supervisor, CancellationToken.None);

        Assert.Equal(RefusalKind.Invalid, refused.Refusal!.Kind);
        Assert.Equal(["area", "category", "startsAt", "description.fr", "description"], refused.Refusal.Errors.Select(e => e.Field));
        Assert.Empty(await _pipeline.Incidents.ListAsync(CancellationToken.None));

        var agent = await _pipeline.IncidentActions.OpenAsync(new IncidentInput("sha-tin", "outage", Start.ToString("o"), null, new Dictionary<string, string> { ["en"] = "x" }), Agent, CancellationToken.None);
        Assert.Equal(RefusalKind.Forbidden, agent.Refusal!.Kind);
    }

    [Fact]
    public async Task The_pipeline_health_reading_counts_the_incidents_not_yet_resolved_for_the_rising_alert()
    {
        var health = new PipelineHealth(new InMemoryQueueWatch(_pipeline.Queue, _time), _pipeline.Index, _time, _pipeline.Incidents);
        Assert.Equal(0, (await health.MeasureAsync(CancellationToken.None)).OpenIncidents);

        var first = await OpenAsync();
        await OpenAsync(area: "sha-tin");
        await _pipeline.IncidentActions.PostUpdateAsync(first.Id, new IncidentUpdateInput(new Dictionary<string, string> { ["en"] = "Restored, watching." }, "monitoring"), Supervisor, null, CancellationToken.None);
        Assert.Equal(2, (await health.MeasureAsync(CancellationToken.None)).OpenIncidents);

        await _pipeline.IncidentActions.ResolveAsync(first.Id, new IncidentResolutionInput(new Dictionary<string, string> { ["en"] = "Fixed." }, "third-party", null), Supervisor, null, CancellationToken.None);
        Assert.Equal(1, (await health.MeasureAsync(CancellationToken.None)).OpenIncidents);
    }

    [Fact]
    public void The_shipped_gazetteer_is_valid_and_a_broken_one_names_its_keys()
    {
        Assert.Empty(IncidentAreas.Default.Validate());
        var broken = IncidentAreas.Default with
        {
            AutoLinkConfidence = 0.3,
            Areas = [new GazetteerArea { Key = "Bad Key", Names = new() { ["en"] = "x" }, Places = ["Upper"], PhonePrefixes = ["0755"] }],
        };
        Assert.Equal(
            ["suggestConfidence: must not be above autoLinkConfidence", "areas[0].key: lower-case letters, digits and '-' only", "areas[0].names: an 'en' and a 'zh-Hans' name are required",
                "areas[0].places[0]: write it folded (simplified Chinese, lower case, no surrounding spaces)", "areas[0].phonePrefixes[0]: an E.164 prefix such as +86755"],
            broken.Validate());
    }
}
