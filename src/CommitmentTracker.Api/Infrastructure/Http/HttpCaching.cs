using System.Security.Cryptography;
using System.Text;
using CommitmentTracker.Infrastructure.Caching;
using Marten;
using Microsoft.Net.Http.Headers;

namespace CommitmentTracker.Infrastructure.Http;

/// <summary>Endpoint metadata: this GET's representations are validated by the events mark before it runs (exports).</summary>
public sealed class ValidatedByEventsMark;

/// <summary>Endpoint metadata: an endpoint outside /api and /graphql (a site page) that takes part in conditional GETs.</summary>
public sealed class CachedRepresentation;

/// <summary>
/// HTTP caching for reads, in one place. Every successful response in scope carries a strong ETag per representation:
/// a hash of the bytes sent (so the language, asOf and today's overdue flags are all in it), prefixed by the stream
/// version where the endpoint set one (<c>"3.1f0c9a2b7d4e6a80"</c>; If-Match reads the version before the dot, so
/// <c>"3"</c> still works). An export is validated by the events mark instead, before it is computed, because it
/// streams: nothing in the read models changes without an event. A GET whose If-None-Match matches gets 304.
/// Anonymous reads may be kept <see cref="PublicMaxAge"/> seconds and must then be revalidated; a response to a request
/// that sent credentials is private.
/// </summary>
public sealed class HttpCaching(IDocumentStore store, TimeProvider clock)
{
    public const int PublicMaxAge = 10;
    private static readonly string[] Prefixes = ["/api", "/graphql"];

    public async Task Invoke(HttpContext http, RequestDelegate next)
    {
        var endpoint = http.GetEndpoint();
        var inScope = Prefixes.Any(p => http.Request.Path.StartsWithSegments(p)) || endpoint?.Metadata.GetMetadata<CachedRepresentation>() is not null;
        if (!inScope || http.Request.Path.StartsWithSegments("/api/bench"))
        {
            await next(http);
            return;
        }
        var read = HttpMethods.IsGet(http.Request.Method);
        if (read && endpoint?.Metadata.GetMetadata<ValidatedByEventsMark>() is not null)
        {
            var tag = await MarkTag(http);
            http.Response.Headers.ETag = tag;
            if (!Fresh(http, tag)) await next(http);
            return;
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try { await next(http); }
        finally { http.Response.Body = original; }

        var status = http.Response.StatusCode;
        if (status is StatusCodes.Status200OK or StatusCodes.Status201Created && (read || http.Response.Headers.ETag.Count > 0))
        {
            var tag = RepresentationTag(http.Response.Headers.ETag.ToString(), buffer);
            http.Response.Headers.ETag = tag;
            if (read && Fresh(http, tag)) return;
        }
        if (buffer.Length == 0) return; // an empty 4xx is left for the status-code pages to fill with a problem document
        http.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    /// <summary>Sets the cache headers of a read and, when If-None-Match holds the tag, answers 304 with no body.</summary>
    private static bool Fresh(HttpContext http, string tag)
    {
        var response = http.Response;
        if (http.Request.Path.StartsWithSegments("/api")) response.Headers.Append(HeaderNames.Vary, "Accept-Language");
        var credentials = http.Request.Headers.ContainsKey("X-Api-Key") || http.Request.Headers.ContainsKey(HeaderNames.Authorization)
                          || http.Request.Headers.ContainsKey(HeaderNames.Cookie);
        // A page that carries an antiforgery token (a form) was marked no-store by the antiforgery service: it stays so.
        if (!response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.Ordinal))
            response.Headers.CacheControl = credentials ? "private, max-age=0, must-revalidate" : $"public, max-age={PublicMaxAge}, must-revalidate";
        if (!Matches(http.Request.Headers.IfNoneMatch.ToString(), tag)) return false;
        response.StatusCode = StatusCodes.Status304NotModified;
        response.ContentLength = null;
        response.ContentType = null;
        response.Headers.Remove(HeaderNames.ContentDisposition);
        return true;
    }

    /// <summary>If-None-Match compares weakly (RFC 9110 13.1.2): W/ is ignored, * matches any.</summary>
    internal static bool Matches(string ifNoneMatch, string tag)
    {
        if (string.IsNullOrWhiteSpace(ifNoneMatch)) return false;
        if (!EntityTagHeaderValue.TryParseList([ifNoneMatch], out var tags)) return false;
        var ours = EntityTagHeaderValue.Parse(tag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }

    private static string RepresentationTag(string versionTag, MemoryStream body)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length)))[..16];
        var version = ETags.VersionOf(versionTag);
        return version is null ? $"\"{hash}\"" : $"\"{version}.{hash}\"";
    }

    /// <summary>What an export shows depends on the events (through the read models), today's date and the request.</summary>
    private async Task<string> MarkTag(HttpContext http)
    {
        await using var session = store.QuerySession();
        var mark = await EventsMark.Read(session, store, http.RequestAborted);
        var request = $"{http.Request.Path}{http.Request.QueryString}|{http.Request.Headers.AcceptLanguage}|{DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime):O}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request)))[..12];
        return $"\"m{mark.Max}-{mark.Recent}-{hash}\"";
    }
}
