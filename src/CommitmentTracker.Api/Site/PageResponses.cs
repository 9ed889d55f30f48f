using Microsoft.Net.Http.Headers;

namespace CommitmentTracker.Site;

/// <summary>
/// The status and Vary of a page. Blazor leaves the body of a response it sees as 404 empty, so a not-found page renders
/// as 200 and is sent as 404 here, once rendered (the body is held until then). A page's language comes from ?lang=, the
/// cookie or Accept-Language, so caches must key on those. ETags and 304 come from <c>HttpCaching</c>, as for the API.
/// </summary>
public sealed class PageResponses(RequestDelegate next)
{
    private const string NotFoundKey = "site.notFound";

    /// <summary>The page rendered is a not-found answer: it is sent with status 404.</summary>
    public static void MarkNotFound(HttpContext? http)
    {
        if (http is not null) http.Items[NotFoundKey] = true;
    }

    public async Task InvokeAsync(HttpContext http)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try { await next(http); }
        finally { http.Response.Body = original; }
        if (http.Items.ContainsKey(NotFoundKey) && http.Response.StatusCode == StatusCodes.Status200OK) http.Response.StatusCode = StatusCodes.Status404NotFound;
        if (http.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
            http.Response.Headers.Append(HeaderNames.Vary, $"{HeaderNames.AcceptLanguage}, {HeaderNames.Cookie}");
        if (buffer.Length == 0) return;
        http.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }
}
