using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace CommitmentTracker.Site;

/// <summary>
/// A page's ETag is the hash of its HTML, so it changes exactly when what the reader sees changes (data, language, asOf).
/// If-None-Match with that tag is answered 304 without a body.
/// </summary>
public sealed class PageETags(RequestDelegate next)
{
    private const string NotFoundKey = "site.notFound";

    /// <summary>The page rendered is a not-found answer: it is sent with status 404.</summary>
    public static void MarkNotFound(HttpContext? http)
    {
        if (http is not null) http.Items[NotFoundKey] = true;
    }

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)) { await next(http); return; }
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try { await next(http); }
        finally { http.Response.Body = original; }
        if (http.Items.ContainsKey(NotFoundKey) && http.Response.StatusCode == StatusCodes.Status200OK) http.Response.StatusCode = StatusCodes.Status404NotFound;
        if (http.Response.StatusCode == StatusCodes.Status200OK && http.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
        {
            var tag = $"\"{Convert.ToHexString(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))[..20].ToLowerInvariant()}\"";
            http.Response.Headers.ETag = tag;
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers.Vary = HeaderNames.AcceptLanguage + ", " + HeaderNames.Cookie;
            if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } wanted && wanted.Any(e => e.Tag == tag || e.Equals(EntityTagHeaderValue.Any)))
            {
                http.Response.StatusCode = StatusCodes.Status304NotModified;
                http.Response.ContentLength = null;
                return;
            }
        }
        if (buffer.Length == 0) return; // an empty error answer stays empty, so the status-code page can fill it
        http.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }
}
