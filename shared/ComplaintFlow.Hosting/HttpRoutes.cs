using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace ComplaintFlow.Hosting;

/// <summary>An HTTP function matched to a request, with its route values.</summary>
internal sealed record HttpRouteMatch(string FunctionName, TriggerBinding Trigger, RouteValueDictionary Values);

/// <summary>
/// The HTTP functions' routes as the Functions host matches them: <c>routePrefix/route</c> (the function name when
/// it has no route), ASP.NET route templates with inline constraints, tried in ASP.NET's inbound precedence (literal
/// segments before parameters before catch-alls), and a route whose methods exclude the request's is passed over.
/// </summary>
internal sealed class HttpRoutes
{
    private readonly IReadOnlyList<Route> _routes;

    private HttpRoutes(IReadOnlyList<Route> routes) => _routes = routes;

    public int Count => _routes.Count;

    public static HttpRoutes Build(IEnumerable<FunctionDescription> functions, string routePrefix, IInlineConstraintResolver constraints)
    {
        var routes = new List<Route>();
        foreach (var function in functions)
        {
            if (function.Trigger is not { } trigger || !trigger.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var suffix = (trigger.Route ?? function.Name).Trim('/');
            var template = TemplateParser.Parse(routePrefix.Length == 0 ? suffix : $"{routePrefix}/{suffix}");
            var defaults = new RouteValueDictionary();
            var parameterConstraints = new List<(string, IRouteConstraint)>();
            foreach (var parameter in template.Parameters)
            {
                if (parameter.DefaultValue is not null)
                {
                    defaults[parameter.Name!] = parameter.DefaultValue;
                }

                foreach (var inline in parameter.InlineConstraints)
                {
                    var constraint = constraints.ResolveConstraint(inline.Constraint)
                        ?? throw new InvalidDataException($"Function {function.Name}: unknown route constraint '{inline.Constraint}'.");
                    parameterConstraints.Add((parameter.Name!, constraint));
                }
            }

            routes.Add(new Route(function.Name, trigger, template.TemplateText ?? suffix, new TemplateMatcher(template, defaults), RoutePrecedence.ComputeInbound(template), parameterConstraints));
        }

        return new HttpRoutes([.. routes.OrderBy(r => r.Precedence).ThenBy(r => r.Text, StringComparer.OrdinalIgnoreCase)]);
    }

    public HttpRouteMatch? Match(HttpContext context)
    {
        var method = context.Request.Method.ToUpperInvariant();
        foreach (var route in _routes)
        {
            if (route.Trigger.Methods.Count > 0 && !route.Trigger.Methods.Contains(method))
            {
                continue;
            }

            var values = new RouteValueDictionary();
            if (!route.Matcher.TryMatch(context.Request.Path, values))
            {
                continue;
            }

            if (route.Constraints.All(c => !values.ContainsKey(c.Parameter) || c.Constraint.Match(context, null, c.Parameter, values, RouteDirection.IncomingRequest)))
            {
                return new HttpRouteMatch(route.FunctionName, route.Trigger, values);
            }
        }

        return null;
    }

    private sealed record Route(
        string FunctionName,
        TriggerBinding Trigger,
        string Text,
        TemplateMatcher Matcher,
        decimal Precedence,
        IReadOnlyList<(string Parameter, IRouteConstraint Constraint)> Constraints);
}
