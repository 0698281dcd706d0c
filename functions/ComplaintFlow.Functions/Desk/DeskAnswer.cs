using System.Text.Json;
using ComplaintFlow.Core.Complaints;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Functions.Auth;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// A desk answer as JSON, with its dates written out in the staff member's language and the desk's zone
/// (<see cref="DeskTime"/>): the pages show those texts instead of formatting dates in the browser.
/// </summary>
public static class DeskAnswer
{
    public static IResult Json(HttpContext http, object value, PortalOptions options, int? statusCode = null)
    {
        var node = JsonSerializer.SerializeToNode(value, ComplaintJson.Options)!;
        var language = PortalIdentity.StaffOf(http.User, http.Request).Language;
        DeskTime.AddTexts(node, language, TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));
        return Results.Json(node, ComplaintJson.Options, statusCode: statusCode);
    }
}
