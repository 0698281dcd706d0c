namespace ComplaintFlow.Functions.Http;

public static class RouteValues
{
    /// <summary>
    /// A parameter of the function's route template, as the worker's ASP.NET Core routing matched it (the same
    /// template the host matched the request with).
    /// </summary>
    public static string RouteValue(this HttpRequest request, string name) =>
        request.RouteValues.TryGetValue(name, out var value) && value?.ToString() is { } text ? text : string.Empty;
}
