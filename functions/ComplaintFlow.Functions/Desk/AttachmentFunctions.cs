using System.Globalization;
using ComplaintFlow.Core.Desk;
using ComplaintFlow.Functions.Auth;
using ComplaintFlow.Functions.Http;

namespace ComplaintFlow.Functions.Desk;

/// <summary>
/// <c>GET /api/portal/complaints/{id}/attachments/{number}</c>: a customer's file, for desk staff only, through the app
/// (never a link to storage), always as a download: <c>Content-Disposition: attachment</c>, <c>nosniff</c>, a sandbox
/// CSP, and a type a browser would run served as octet-stream (<see cref="AttachmentDownloads"/>).
/// </summary>
[DeskAccess(PortalIdentity.AgentPolicy)]
public sealed class AttachmentFunctions(AttachmentDownloads downloads)
{
    [Function("DeskAttachment")]
    public async Task<IResult> DownloadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portal/complaints/{id}/attachments/{number}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var number = int.TryParse(request.RouteValue("number"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var file = await downloads.OpenAsync(request.RouteValue("id"), number, cancellationToken);
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        switch (file.Outcome)
        {
            case AttachmentDownloadOutcome.NotFound:
                return Problems.Of(StatusCodes.Status404NotFound, "Attachment not found.", "The complaint has no attachment with that number, or its file is no longer kept.");
            case AttachmentDownloadOutcome.Mismatch:
                return Problems.Of(StatusCodes.Status409Conflict, "The stored file is not the one recorded.",
                    "Its type or size differs from what the complaint recorded when it arrived, so it is not served.");
        }

        headers.XContentTypeOptions = "nosniff";
        // Opened from the downloads it is a file, not our page: nothing in it runs with the desk's origin.
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.File(file.Content.ToArray(), file.ServedAs, file.FileName);
    }
}
