using System.Globalization;
using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Deadlines;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// The business calendars under <c>/api/portal/calendars</c>: every desk member sees how far each calendar runs (the
/// dashboard banner); supervisors read a year to prefill the form, save next year's published schedule or a
/// correction, and read who changed what. A save applies to clocks started after it; running clocks move only when
/// the supervisor asks (<c>recomputeOpen</c>), because a customer may already hold a date we gave them.
/// </summary>
[DeskAccess(PortalIdentity.SupervisorPolicy)]
public sealed class CalendarFunctions(CalendarMaintenance calendars, OpenClockRecalculation recalculation, DeadlinePlanner planner, IOptions<IntakeOptions> intakeOptions, PortalOptions portal)
{
    [Function("CalendarCoverageView")]
    [DeskAccess(PortalIdentity.AgentPolicy)]
    public async Task<IResult> CoverageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/calendars/coverage")] HttpRequest request,
        CancellationToken cancellationToken) =>
        Results.Json(new { calendars = await calendars.CoverageAsync(cancellationToken) }, ComplaintJson.Options);

    [Function("CalendarYear")]
    public async Task<IResult> YearAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/calendars/{calendarId}/years/{year}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (YearOf(request) is not { } year)
        {
            return BadYear();
        }

        try
        {
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return Results.Json(await calendars.YearAsync(request.RouteValue("calendarId"), year, cancellationToken), ComplaintJson.Options);
        }
        catch (DeskRefusal refusal)
        {
            return Refused(refusal);
        }
    }

    [Function("CalendarSaveYear")]
    [DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
    public async Task<IResult> SaveYearAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/portal/calendars/{calendarId}/years/{year}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        if (YearOf(request) is not { } year)
        {
            return BadYear();
        }

        var (body, unreadable) = await PortalBody.ReadAsync(http.Request, intakeOptions.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var errors = new List<ValidationError>();
        var input = new CalendarYearInput
        {
            CalendarId = request.RouteValue("calendarId"),
            Year = year,
            Holidays = HolidaysOf(body, errors),
            MakeUpDays = MakeUpDaysOf(body, errors),
            Source = body.Str("source") ?? string.Empty,
        };
        if (errors.Count > 0)
        {
            return Problems.Validation(errors, "The calendar year could not be saved.");
        }

        var staff = PortalIdentity.StaffOf(http.User, http.Request);
        try
        {
            var saved = await calendars.SaveYearAsync(input, staff, cancellationToken);
            // This instance's new clocks use the year at once; other instances pick it up at their next refresh.
            planner.Forget();
            var recomputed = body.Bool("recomputeOpen") ? await recalculation.ApplyAsync(saved.Recalculation, staff, cancellationToken) : 0;
            return Results.Json(new { year = await calendars.YearAsync(input.CalendarId, year, cancellationToken), recomputed }, ComplaintJson.Options);
        }
        catch (DeskRefusal refusal)
        {
            return Refused(refusal);
        }
    }

    [Function("CalendarHistory")]
    public async Task<IResult> HistoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/calendars/{calendarId}/history")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return DeskAnswer.Json(request.HttpContext, new { changes = await calendars.HistoryAsync(request.RouteValue("calendarId"), cancellationToken) }, portal);
    }

    private static int? YearOf(HttpRequest request) =>
        int.TryParse(request.RouteValue("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    private static IResult BadYear() => Problems.Validation([new ValidationError("year", "Give the year as four digits, e.g. 2027.")], "No such calendar year.");

    private static IResult Refused(DeskRefusal refusal) => refusal.Kind switch
    {
        RefusalKind.Forbidden => Problems.Of(StatusCodes.Status403Forbidden, "Not allowed.", refusal.Errors[0].Message),
        _ => Problems.Validation(refusal.Errors, "The calendar year could not be saved."),
    };

    /// <summary>Reads <c>holidays: [{"name", "from", "to"}]</c>; each unreadable entry is named, e.g. <c>holidays[2].to</c>.</summary>
    private static List<Holiday> HolidaysOf(PortalBody body, List<ValidationError> errors)
    {
        var holidays = new List<Holiday>();
        var items = body.Array("holidays") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"holidays[{i}]";
            var item = items[i];
            var name = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : string.Empty;
            var from = DateOf(item, "from");
            var to = DateOf(item, "to");
            if (name.Length == 0)
            {
                errors.Add(new ValidationError($"{field}.name", "Give the holiday's name."));
            }

            if (from is null)
            {
                errors.Add(new ValidationError($"{field}.from", "Give the first day as yyyy-MM-dd."));
            }

            if (to is null)
            {
                errors.Add(new ValidationError($"{field}.to", "Give the last day as yyyy-MM-dd (the first day again for a one-day holiday)."));
            }

            if (from is { } first && to is { } last)
            {
                holidays.Add(new Holiday(name, first, last));
            }
        }

        return holidays;
    }

    private static List<DateOnly> MakeUpDaysOf(PortalBody body, List<ValidationError> errors)
    {
        var days = new List<DateOnly>();
        var items = body.Array("makeUpDays") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind == JsonValueKind.String && TryDate(items[i].GetString(), out var day))
            {
                days.Add(day);
            }
            else
            {
                errors.Add(new ValidationError($"makeUpDays[{i}]", "Give the make-up day as yyyy-MM-dd."));
            }
        }

        return days;
    }

    private static DateOnly? DateOf(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && TryDate(value.GetString(), out var day)
            ? day
            : null;

    private static bool TryDate(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
