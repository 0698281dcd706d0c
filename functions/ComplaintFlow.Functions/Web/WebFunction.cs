using ComplaintFlow.Core.Complaints;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace ComplaintFlow.Functions.Web;

/// <summary>
/// HTTP trigger <c>GET {*path}</c>: the public pages (form, status, confirmation, survey) and the desk's files from
/// <c>wwwroot</c> beside the worker. Every other route is more specific, so the host matches it first. Files are
/// read through a provider rooted at wwwroot, which refuses any path that leaves it.
/// </summary>
public sealed class WebFunction
{
    public const string Name = "Web";

    /// <summary>Pages whose address has no <c>.html</c>.</summary>
    private static readonly Dictionary<string, string> Pages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["status"] = "status.html",
        ["submitted"] = "submitted.html",
        ["survey"] = "survey.html",
        ["resolution"] = "resolution.html",
    };

    private static readonly PhysicalFileProvider Files = new(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>The worker's static files under content-hashed names, compressed; shared with the form's error page.</summary>
    public static HashedAssets Assets { get; } = new(Files);

    [Function(Name)]
    public IResult Serve([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "{*path}")] HttpRequest request)
    {
        // PathString is already decoded once by the server; decoding again would read "%2525" as "%25".
        var path = (request.Path.Value ?? "/").TrimStart('/');
        path = Pages.GetValueOrDefault(path.TrimEnd('/'), path);
        if (path.Length == 0 || path.EndsWith('/'))
        {
            path += "index.html";
        }
        else if (Files.GetDirectoryContents(path).Exists)
        {
            // As the static-file middleware does: a folder's address ends with '/', so its page's relative links resolve.
            return Results.Redirect(request.PathBase + request.Path + "/" + request.QueryString);
        }

        (path, var immutable) = Assets.Resolve(path);
        var asset = Assets.Find(path);
        if (asset is null || !ContentTypes.TryGetContentType(path, out var contentType))
        {
            return Results.NotFound();
        }

        if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType is "application/javascript" or "text/javascript")
        {
            contentType += "; charset=utf-8";
        }

        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = immutable ? HashedAssets.Immutable : HashedAssets.Revalidate;
        headers.Vary = "Accept-Encoding";
        if (contentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            // Pages name the scripts and styles of this deployment by their hashed names.
            var html = Assets.Rewrite(System.Text.Encoding.UTF8.GetString(asset.Plain));
            if (path == "submitted.html" && request.Query["reference"].ToString() is var reference && ComplaintId.TryParse(reference, out _))
            {
                // The confirmation shows its reference without script too (a form posted without script lands here).
                html = html
                    .Replace("<p class=\"reference\" id=\"reference\"></p>", $"<p class=\"reference\" id=\"reference\">{System.Net.WebUtility.HtmlEncode(reference)}</p>", StringComparison.Ordinal)
                    .Replace("href=\"/status\"", $"href=\"/status?reference={Uri.EscapeDataString(reference)}\"", StringComparison.Ordinal);
            }

            return Results.Content(html, contentType);
        }

        var (body, encoding) = HashedAssets.Negotiate(asset, request.Headers.AcceptEncoding.ToString());
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{asset.Hash}{(encoding is null ? "" : "-" + encoding)}\"");
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }

        return Results.Bytes(body, contentType, lastModified: asset.LastModified, entityTag: etag);
    }
}
