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
    };

    private static readonly PhysicalFileProvider Files = new(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

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

        var file = Files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null || !ContentTypes.TryGetContentType(file.Name, out var contentType))
        {
            return Results.NotFound();
        }

        if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType is "application/javascript" or "text/javascript")
        {
            contentType += "; charset=utf-8";
        }

        return Results.File(file.PhysicalPath, contentType, lastModified: file.LastModified, enableRangeProcessing: true);
    }
}
