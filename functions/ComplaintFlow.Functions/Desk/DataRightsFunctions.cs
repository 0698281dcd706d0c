using ComplaintFlow.Azure;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Core.Desk.DataRights;
using ComplaintFlow.Core.Intake;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Http;
using Microsoft.Extensions.Options;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// Data subject requests under <c>/api/portal/contacts</c>, supervisors only: look up a contact's complaints, export
/// everything held about them (ZIP), erase it. The contact travels in the POST body, never in a URL, so it stays out
/// of access logs; every call needs the portal's anti-forgery token.
/// </summary>
[DeskAccess(PortalIdentity.SupervisorPolicy, ChangesState = true)]
public sealed class DataRightsFunctions(ContactDataRights rights, IOptions<IntakeOptions> intakeOptions, PortalOptions portal, TimeProvider time)
{
    /// <summary>What the erase request's <c>confirm</c> field must say: erasure cannot be undone.</summary>
    public const string EraseConfirmation = "ERASE";

    [Function("DataRightsLookup")]
    public async Task<IResult> LookupAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/contacts/lookup")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var (identity, problem) = await IdentityOfAsync(http, requireConfirmation: false, cancellationToken);
        if (identity is null)
        {
            return problem!;
        }

        http.Response.Headers.CacheControl = "no-store";
        return DeskAnswer.Json(http, new { complaints = await rights.FindAsync(identity, cancellationToken) }, portal);
    }

    [Function("DataRightsExport")]
    public async Task<IResult> ExportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/contacts/export")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var (identity, problem) = await IdentityOfAsync(http, requireConfirmation: false, cancellationToken);
        if (identity is null)
        {
            return problem!;
        }

        var archive = await rights.ExportAsync(identity, PortalIdentity.StaffOf(http.User, http.Request), cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(archive, "application/zip", $"contact-export-{time.GetUtcNow():yyyyMMdd-HHmmss}.zip");
    }

    [Function("DataRightsErase")]
    public async Task<IResult> EraseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portal/contacts/erase")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var (identity, problem) = await IdentityOfAsync(http, requireConfirmation: true, cancellationToken);
        if (identity is null)
        {
            return problem!;
        }

        var report = await rights.EraseAsync(identity, PortalIdentity.StaffOf(http.User, http.Request), cancellationToken);
        return Results.Json(report, Core.Complaints.ComplaintJson.Options);
    }

    /// <summary>Reads <c>{"contact": "...", "confirm": "ERASE"}</c>; a missing or unreadable contact is a 400 naming the field.</summary>
    private async Task<(ContactIdentity? Identity, IResult? Problem)> IdentityOfAsync(HttpContext http, bool requireConfirmation, CancellationToken cancellationToken)
    {
        var intake = intakeOptions.Value;
        var (body, unreadable) = await PortalBody.ReadAsync(http.Request, intake.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, unreadable);
        }

        var errors = new List<ValidationError>();
        if (!ContactIdentity.TryParse(body.Str("contact"), intake.DefaultPhoneRegion, out var identity))
        {
            errors.Add(new ValidationError("contact", "Give one email address or one phone number (international form, e.g. +8613800138000)."));
        }

        if (requireConfirmation && body.Str("confirm") != EraseConfirmation)
        {
            errors.Add(new ValidationError("confirm", $"Erasure cannot be undone: send \"confirm\": \"{EraseConfirmation}\"."));
        }

        return errors.Count == 0
            ? (identity, null)
            : (null, Problems.Validation(errors, "The data rights request is incomplete."));
    }
}
