using ComplaintFlow.Core.Complaints;

namespace ComplaintFlow.Functions.Http;

/// <summary>
/// The language a request asks for in <c>Accept-Language</c>, highest quality first, as one of ours: the one reading
/// for the form's messages, the status page's and the desk's (which a staff member's own choice overrides, since the
/// desk's pages send the chosen language as <c>Accept-Language</c>).
/// </summary>
public static class RequestLanguage
{
    /// <summary>The first supported language the request accepts, or null when it accepts none of ours.</summary>
    public static string? Preferred(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => SupportedLanguages.Normalise(l.Value.Value))
            .FirstOrDefault(l => l is not null);

    /// <summary>The first supported language the request accepts, else English.</summary>
    public static string Of(HttpRequest request) => Preferred(request) ?? SupportedLanguages.English;
}
