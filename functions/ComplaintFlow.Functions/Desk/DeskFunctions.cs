using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.Search;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Http;
using ComplaintFlow.Functions.Intake;
using ComplaintFlow.Functions.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// The staff portal's API under <c>/api/portal</c>: work lists, the complaint page, the desk's actions, staff-recorded
/// complaints and the dashboard. Every route needs a signed-in agent or supervisor; every state change needs the
/// anti-forgery token and the version (ETag) the page read, so a stale page never overwrites someone else's work.
/// </summary>
[DeskAccess(PortalIdentity.AgentPolicy)]
public sealed class DeskFunctions(
    ComplaintDesk desk,
    DeskActions actions,
    IComplaintStore complaints,
    IDeadlineIndex index,
    IComplaintCatalog catalog,
    IQuarantine quarantine,
    WorkLists lists,
    IntakeService intake,
    IAntiforgery antiforgery,
    IOptions<AuthOptions> auth,
    IOptions<IntakeOptions> intakeOptions,
    PortalOptions options,
    DeadlineRules rules,
    StaffDirectory staffDirectory,
    TeamDirectory teams,
    ComplaintSearch search,
    AwaitingApprovals approvals,
    TimeProvider time)
{
    [Function("DeskRecord")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> Record([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints")] HttpRequest request, CancellationToken cancellationToken) =>
        RecordAsync(request.HttpContext, cancellationToken);

    [Function("DeskClaim")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> Claim([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/claim")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, _) => desk.Claim(c, staff, now));

    [Function("DeskAssign")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> Assign([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/assign")] HttpRequest request)
    {
        // Only to someone the desk knows, under the id the directory knows them by: a typo (or another spelling)
        // would make the complaint vanish from every queue. The team, if any, is checked by the desk.
        string? known = null;
        return ActAsync(
            request,
            (c, staff, now, body) => desk.Assign(c, staff, known ?? body.Str("assignee"), body.Str("team"), now),
            async (staff, body, cancellationToken) =>
            {
                if (body.Str("assignee") is not { } assignee)
                {
                    return null;
                }

                known = (await staffDirectory.FindAsync(assignee, cancellationToken))?.Id;
                return known is null
                    ? Problems.Validation([new ValidationError("assignee", DeskMessages.Format(staff.Language, "unknown-staff", assignee))], "Unknown member of staff.")
                    : null;
            });
    }

    /// <summary>Who complaints can be assigned to: staff listed in settings, team members and everyone who has signed in; and the teams.</summary>
    [Function("DeskStaff")]
    public async Task<IResult> StaffAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/staff")] HttpRequest request,
        CancellationToken cancellationToken) =>
        DeskAnswer.Json(request.HttpContext, new { staff = await staffDirectory.AllAsync(cancellationToken), teams = teams.All }, options);

    [Function("DeskNote")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> Note([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/notes")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, body) => desk.AddNote(c, staff, body.Str("text"), now));

    [Function("DeskWait")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> Wait([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/wait")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, body) => desk.WaitOnCustomer(c, staff, body.Str("reason"), now));

    /// <summary>Overrides the priority with a reason: the internal clocks are planned again, statutory clocks stay.</summary>
    [Function("DeskPriority")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> Priority([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/priority")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, body) => desk.ChangePriority(c, staff, body.Str("priority"), body.Str("reason"), now));

    [Function("DeskResume")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> Resume([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/resume")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, _) => desk.Resume(c, staff, now));

    [Function("DeskCompensation")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> Compensation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/compensation")] HttpRequest request) =>
        ActAsync(
            request,
            (c, staff, now, body) => desk.RecordCompensation(
                c, staff, new CompensationInput(body.Dec("amount"), body.Str("currency"), body.Str("reason"), body.Bool("accepted")), now),
            // Above the person's limit it goes on the supervisors' list before it is saved (a crash leaves a row too many, never too few).
            async (staff, body, cancellationToken) =>
            {
                await approvals.NoteAsync(request.RouteValue("id"), staff, body.Dec("amount"), body.Str("currency"), cancellationToken);
                return null;
            });

    /// <summary>A supervisor other than the recorder approves a compensation above its recorder's limit.</summary>
    [Function("DeskCompensationApprove")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public Task<IResult> ApproveCompensation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/compensation/{number}/approve")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, _) => CompensationApprovals.Approve(c, staff, CompensationNumber(request), now));

    /// <summary>A supervisor other than the recorder rejects it, with the reason.</summary>
    [Function("DeskCompensationReject")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public Task<IResult> RejectCompensation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/compensation/{number}/reject")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, body) => CompensationApprovals.Reject(c, staff, CompensationNumber(request), body.Str("reason"), now));

    [Function("DeskResolve")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> Resolve([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/resolve")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, body) => desk.Resolve(
            c, staff, new ResolutionInput(body.Str("resolution"), body.Str("rootCause"), body.Str("correctiveAction")), NewSurveyToken(), now));

    [Function("DeskReopen")]
    [DeskAccess(PortalIdentity.AgentPolicy, ChangesState = true)]
    public Task<IResult> Reopen([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/complaints/{id}/reopen")] HttpRequest request) =>
        ActAsync(request, (c, staff, now, body) => desk.Reopen(c, staff, body.Str("reason"), now));

    [Function("DeskMe")]
    public async Task<IResult> MeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/me")] HttpRequest request)
    {
        var http = request.HttpContext;
        var staff = PortalIdentity.StaffOf(http.User, http.Request);

        // Signing in makes a person known to the desk's directory (complaints can then be assigned to them).
        await staffDirectory.RecordSignInAsync(staff, time.GetUtcNow(), http.RequestAborted);
        var tokens = antiforgery.GetAndStoreTokens(http);
        return Results.Json(new
        {
            id = staff.Id,
            name = staff.Name,
            supervisor = staff.IsSupervisor,
            antiforgeryToken = tokens.RequestToken,
            authMode = auth.Value.Mode.ToString(),
            rootCauses = options.RootCauseTaxonomy,
            lists = WorkListNames.All,

            // The teams whose queues they work (the desk links each one).
            teams = teams.TeamsOf(staff.Id),

            // The language the browser asks for (the page's own choice, once made, overrides it) and the desk's zone.
            language = staff.Language,
            timeZone = options.TimeZone,
        });
    }

    [Function("DeskViewCounts")]
    public async Task<IResult> CountsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/lists")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var entries = await index.AllOpenAsync(cancellationToken).ToListAsync(cancellationToken);
        return Results.Json(lists.Counts(entries, PortalIdentity.StaffOf(http.User, http.Request), time.GetUtcNow()));
    }

    [Function("DeskView")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/lists/{list}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var list = request.RouteValue("list");
        if (!WorkListNames.All.Contains(list))
        {
            return Problems.Of(StatusCodes.Status404NotFound, "No such work list.", $"Work lists are: {string.Join(", ", WorkListNames.All)}.");
        }

        var query = http.Request.Query;
        var sortText = query["sort"].FirstOrDefault() ?? "deadline";
        if (!Enum.TryParse<WorkListSort>(sortText, ignoreCase: true, out var sort) || int.TryParse(sortText, out _))
        {
            return Problems.Validation([new ValidationError("sort", "Sort by deadline or priority.")]);
        }

        var now = time.GetUtcNow();
        // Overdue and due soon read only the index buckets up to the horizon, never the whole table.
        var entries = list switch
        {
            WorkListNames.Overdue => index.DueByAsync(now, cancellationToken),
            WorkListNames.DueSoon => index.DueByAsync(now + options.DueSoonHorizon, cancellationToken),
            _ => index.AllOpenAsync(cancellationToken),
        };
        var filter = new WorkListFilter
        {
            Category = query["category"].FirstOrDefault(),
            Channel = query["channel"].FirstOrDefault(),
            Priority = query["priority"].FirstOrDefault(),
            Owner = query["owner"].FirstOrDefault(),
            Profile = query["profile"].FirstOrDefault(),
        };
        var items = lists.List(list, await entries.ToListAsync(cancellationToken), PortalIdentity.StaffOf(http.User, http.Request), now, filter, sort);
        if (string.Equals(query["format"].FirstOrDefault(), "csv", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{list}-{now:yyyyMMdd-HHmm}.csv\"";
            return Results.Text(WorkListCsv.Write(items), "text/csv; charset=utf-8", Encoding.UTF8);
        }

        // The page shows the first rows (more on request), each with the subject, customer and age read from the
        // complaint: one point read per row shown, never per row of the list.
        var take = DefaultListTake;
        if (query["take"].FirstOrDefault() is { } takeText && (!int.TryParse(takeText, out take) || take is < 1 or > MaxListTake))
        {
            return Problems.Validation([new ValidationError("take", SearchMessages.Format(PortalIdentity.StaffOf(http.User, http.Request).Language, "take", MaxListTake))]);
        }

        var shown = await search.SummariseAsync([.. items.Take(take)], now, cancellationToken);
        return DeskAnswer.Json(http, new { list, asOf = now, total = items.Count, items = shown }, options);
    }

    [Function("DeskComplaint")]
    public async Task<IResult> ComplaintAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/complaints/{id}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var id = request.RouteValue("id");
        if (!ComplaintId.TryParse(id, out var complaintId) || await complaints.FindAsync(complaintId, cancellationToken) is not { } found)
        {
            return NotFound(id);
        }

        var history = await complaints.GetHistoryAsync(complaintId, cancellationToken);
        http.Response.Headers.ETag = found.Version;
        http.Response.Headers.CacheControl = "no-store";
        return DeskAnswer.Json(http, ComplaintView.Of(found, history, options.RootCauseTaxonomy, time.GetUtcNow(), rules), options);
    }

    /// <summary>Inbound payloads held for review (spam, unreadable complaints), newest first: supervisors only.</summary>
    [Function("DeskQuarantine")]
    [DeskAccess(PortalIdentity.SupervisorPolicy)]
    public async Task<IResult> QuarantineAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/quarantine")] HttpRequest request,
        CancellationToken cancellationToken) =>
        Results.Json(new { items = await quarantine.ListAsync(200, cancellationToken) }, ComplaintJson.Options);

    [Function("DeskStats")]
    public async Task<IResult> StatsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/stats")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var daysText = http.Request.Query["days"].FirstOrDefault() ?? "30";
        if (!int.TryParse(daysText, out var days) || days is < 1 or > 366)
        {
            return Problems.Validation([new ValidationError("days", "Give a number of days from 1 to 366.")]);
        }

        var now = time.GetUtcNow();
        var from = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - days);
        var complaints = await catalog.ReceivedBetweenAsync(from, now, cancellationToken).ToListAsync(cancellationToken);
        var staff = PortalIdentity.StaffOf(http.User, http.Request);
        return DeskAnswer.Json(http, DeskStatistics.Compute(complaints, from, now.AddTicks(1), now, withStaff: staff.IsSupervisor), options);
    }

    /// <summary><c>POST /api/portal/complaints</c>: a complaint taken by phone or in person, owned by whoever recorded it.</summary>
    private async Task<IResult> RecordAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var staff = PortalIdentity.StaffOf(http.User, http.Request);
        var (body, unreadable) = await PortalBody.ReadAsync(http.Request, intakeOptions.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var channel = body.Str("channel") switch
        {
            "phone" => Channel.Phone,
            "in-person" => Channel.InPerson,
            _ => (Channel?)null,
        };
        var key = body.Str("idempotencyKey");
        var errors = new List<ValidationError>();
        if (channel is null)
        {
            errors.Add(new ValidationError("channel", DeskMessages.Format(staff.Language, "channel")));
        }

        if (key is null || key.Length > 128)
        {
            errors.Add(new ValidationError("idempotencyKey", DeskMessages.Format(staff.Language, "required")));
        }

        var submission = new ComplaintSubmission
        {
            Channel = channel ?? Channel.Phone,
            Name = body.Str("name"),
            Email = body.Str("email"),
            Phone = body.Str("phone"),
            Subject = body.Str("subject"),
            Text = body.Str("text"),
            Language = body.Str("language"),
            Place = body.Str("place"),
            Account = body.Str("account"),
            EventTime = body.Str("eventTime"),
            Demand = body.Str("demand"),
            DemandAmount = body.Str("demandAmount") ?? body.Dec("demandAmount")?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DemandCurrency = body.Str("demandCurrency"),
            DemandDetail = body.Str("demandDetail"),
        };
        errors.AddRange(new SubmissionValidator(intakeOptions.Value, time).Validate(submission, staff.Language, out var valid));
        if (errors.Count > 0 || valid is null)
        {
            return Problems.Validation(errors);
        }

        // The recording page checks the form before the read-back, so the caller hears a record that will be accepted.
        if (body.Bool("checkOnly"))
        {
            return Results.NoContent();
        }

        var outcome = await intake.RecordAsync(
            valid,
            $"staff|{key}",
            new RawPayload(body.Raw.Content, body.Raw.ContentType, "json"),
            Telemetry.CurrentTraceParent,
            cancellationToken,
            recordedBy: staff.Id,
            readBack: body.Bool("readBackConfirmed"));
        if (outcome.Kind == IntakeOutcomeKind.KeyReused)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Idempotency key already used.", "This form was already used for a different complaint; reload it for a new one.");
        }

        return Results.Json(
            new SubmissionAccepted(outcome.Complaint.Id, outcome.Complaint.Reference, $"/portal/complaint.html?id={outcome.Complaint.Id}", outcome.Kind == IntakeOutcomeKind.Duplicate),
            statusCode: outcome.Kind == IntakeOutcomeKind.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>
    /// Runs one desk action against the version the page read (<c>If-Match</c>); <see cref="DeskActions"/> holds the
    /// rules (stale pages, saving, queuing the notices), this maps its outcome to HTTP.
    /// </summary>
    private async Task<IResult> ActAsync(
        HttpRequest request,
        Func<Complaint, StaffMember, DateTimeOffset, PortalBody, ComplaintChange> decide,
        Func<StaffMember, PortalBody, CancellationToken, Task<IResult?>>? check = null)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var (action, refusal) = await DeskActionAnswers.ReadAsync(request, intakeOptions.Value.MaxBodyBytes);
        if (action is null)
        {
            return refusal!;
        }

        if (check is not null && await check(action.Staff, action.Body, cancellationToken) is { } refused)
        {
            return refused;
        }

        var result = await actions.RunAsync(action.Id, action.IfMatch, action.SeenSequence, action.Staff,
            (complaint, who, now) => decide(complaint, who, now, action.Body), Telemetry.CurrentTraceParent, cancellationToken);
        return await DeskActionAnswers.OfAsync(request.HttpContext, action.Id, result, complaints, options, rules, time);
    }

    private const int DefaultListTake = 100;
    private const int MaxListTake = 500;

    private static int CompensationNumber(HttpRequest request) =>
        int.TryParse(request.RouteValue("number"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static IResult NotFound(string id) =>
        Problems.Of(StatusCodes.Status404NotFound, "Complaint not found.", $"No complaint has the id or reference '{id}'.");

    private static string NewSurveyToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}

/// <summary>A small JSON object body as the portal's pages send it, with the bytes as received.</summary>
public sealed class PortalBody(JsonElement root, BufferedBody raw)
{
    public BufferedBody Raw { get; } = raw;

    /// <returns>The body, or (when it is too large or not a JSON object) the problem to answer with.</returns>
    public static async Task<(PortalBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var buffered = await BufferedBody.ReadAsync(request, limit, cancellationToken);
        if (buffered is null)
        {
            return (null, Problems.TooLarge(limit));
        }

        var unreadable = Problems.Of(StatusCodes.Status400BadRequest, "The request body cannot be read.", "Send a JSON object.");
        if (buffered.Content.Length == 0)
        {
            return (new PortalBody(JsonDocument.Parse("{}").RootElement, buffered), null);
        }

        if (!buffered.IsJson)
        {
            return (null, unreadable);
        }

        try
        {
            using var document = JsonDocument.Parse(buffered.Content, new JsonDocumentOptions { MaxDepth = 8 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (new PortalBody(document.RootElement.Clone(), buffered), null)
                : (null, unreadable);
        }
        catch (JsonException)
        {
            return (null, unreadable);
        }
    }

    public string? Str(string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;

    public decimal? Dec(string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? number
        : Str(name) is { } text && decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;

    public bool Bool(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>The items of an array field; null when the field is absent or not an array.</summary>
    public IReadOnlyList<JsonElement>? Array(string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : null;
}
