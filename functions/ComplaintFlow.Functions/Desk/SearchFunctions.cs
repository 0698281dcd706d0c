using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.Search;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// <c>GET /api/portal/search</c>: find complaints by reference, phone number (any format), email address, name or
/// words of the text, and the desk's views (all open, resolved, by owner, channel, priority, category) with the same
/// paging. The query (<c>q</c>) is taken out of the URL before anything logs the request (<see cref="QuerySecrets"/>):
/// it is often a phone number or an address.
/// </summary>
[DeskAccess(PortalIdentity.AgentPolicy)]
public sealed class SearchFunctions(ComplaintSearch search, TeamDirectory teams, IOptions<IntakeOptions> intake, PortalOptions options, TimeProvider time)
{
    private const int MaxFilterLength = 100;

    [Function("DeskSearch")]
    public async Task<IResult> SearchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/search")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var staff = PortalIdentity.StaffOf(http.User, http.Request);
        var query = http.Request.Query;
        var errors = new List<ValidationError>();
        var status = Parse(query["status"].FirstOrDefault() ?? "all", SearchStatus.All, "status", staff.Language, errors);
        var sort = Parse(query["sort"].FirstOrDefault() ?? "newest", SearchSort.Newest, "sort", staff.Language, errors);
        var take = ComplaintSearch.DefaultTake;
        if (query["take"].FirstOrDefault() is { } takeText && (!int.TryParse(takeText, out take) || take is < 1 or > ComplaintSearch.MaxTake))
        {
            errors.Add(new ValidationError("take", SearchMessages.Format(staff.Language, "take", ComplaintSearch.MaxTake)));
        }

        var continuation = query["continuation"].FirstOrDefault();
        if (!ComplaintSearch.TryReadContinuation(continuation, out _, out _))
        {
            errors.Add(new ValidationError("continuation", SearchMessages.Format(staff.Language, "continuation")));
        }

        // A team's view or queue: only a team the desk has (a misspelt one would show an empty queue as if all was well).
        var teamText = query["team"].FirstOrDefault()?.Trim();
        var team = teams.Find(teamText);
        if (!string.IsNullOrEmpty(teamText) && team is null)
        {
            errors.Add(new ValidationError("team", DeskMessages.Format(staff.Language, "unknown-team", teamText.Length > MaxFilterLength ? teamText[..MaxFilterLength] + "…" : teamText)));
        }

        var owner = query["owner"].FirstOrDefault()?.Trim();
        var asked = new SearchQuery
        {
            Text = QuerySecrets.Of(request, "q"),
            Status = status,
            Sort = sort,
            Owner = owner is "me" ? staff.Id : owner,
            Unassigned = owner is "none",
            Team = team?.Id,
            Channel = query["channel"].FirstOrDefault(),
            Priority = query["priority"].FirstOrDefault(),
            Category = query["category"].FirstOrDefault(),
        };
        foreach (var (name, value) in new[] { ("owner", asked.Owner), ("category", asked.Category) })
        {
            if (value is { Length: > MaxFilterLength })
            {
                errors.Add(new ValidationError(name, SearchMessages.Format(staff.Language, "too-long", MaxFilterLength)));
            }
        }

        var terms = asked.Terms(intake.Value.DefaultPhoneRegion, staff.Language, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var now = time.GetUtcNow();
        var page = await search.SearchAsync(terms, take, continuation, now, cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return DeskAnswer.Json(http, new { asOf = now, items = page.Rows, continuation = page.Continuation }, options);
    }

    private static T Parse<T>(string text, T fallback, string field, string language, List<ValidationError> errors)
        where T : struct, Enum
    {
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _))
        {
            return value;
        }

        errors.Add(new ValidationError(field, SearchMessages.Format(language, field)));
        return fallback;
    }
}
