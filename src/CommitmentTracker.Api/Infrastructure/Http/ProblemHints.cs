using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace CommitmentTracker.Infrastructure.Http;

/// <summary>
/// What every problem document carries (the trace id), and how to fix the statuses ASP.NET answers with an empty body:
/// 401 says how to authenticate (and challenges for both schemes), 415 names the media types the operation accepts.
/// </summary>
public static class ProblemHints
{
    public const string Authenticate =
        "Send an API key as 'X-Api-Key: <key>' or 'Authorization: Bearer <key>' (or, where OIDC is configured, an access token as 'Authorization: Bearer <token>').";

    public static readonly string[] Challenges = ["ApiKey header=\"X-Api-Key\"", "Bearer"];

    public static void Apply(ProblemDetailsContext c)
    {
        var http = c.HttpContext;
        c.ProblemDetails.Extensions["traceId"] = http.TraceIdentifier;
        switch (c.ProblemDetails.Status)
        {
            case StatusCodes.Status401Unauthorized:
                c.ProblemDetails.Detail ??= Authenticate;
                Challenge(http.Response);
                break;
            case StatusCodes.Status415UnsupportedMediaType:
                var accepted = Accepted(http);
                c.ProblemDetails.Detail = accepted is { Length: > 0 }
                    ? $"This operation accepts Content-Type {string.Join(", ", accepted)}; the request sent '{http.Request.ContentType}'."
                    : $"This operation takes no body of type '{http.Request.ContentType}'.";
                break;
        }
    }

    /// <summary>
    /// Routing answers a body of the wrong type with its own 415 endpoint, so the operation's accepted types are found
    /// again among the endpoints that match the request's method and path.
    /// </summary>
    private static string[] Accepted(HttpContext http)
    {
        var source = http.RequestServices.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase) == true
                        && new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText ?? ""), new RouteValueDictionary()).TryMatch(http.Request.Path, new RouteValueDictionary()))
            .SelectMany(e => e.Metadata.GetOrderedMetadata<IAcceptsMetadata>().SelectMany(a => a.ContentTypes))
            .Distinct().ToArray();
    }

    /// <summary>Both schemes in WWW-Authenticate, whichever handler answered the challenge.</summary>
    public static void Challenge(HttpResponse response)
    {
        if (response.HasStarted) return;
        var present = response.Headers.WWWAuthenticate.ToArray();
        foreach (var challenge in Challenges)
            if (!present.Any(p => p?.StartsWith(challenge.Split(' ')[0], StringComparison.OrdinalIgnoreCase) == true))
                response.Headers.Append("WWW-Authenticate", challenge);
    }
}
