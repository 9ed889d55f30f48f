using System.Net;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Site.Resources;
using Microsoft.Extensions.Localization;

namespace CommitmentTracker.Site;

/// <summary>A failure while rendering a page becomes a short page in the reader's language: never a stack trace.</summary>
public sealed class SiteErrors(RequestDelegate next, ILogger<SiteErrors> log, IStringLocalizer<SiteText> text)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try { await next(http); }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            var unavailable = ProblemExceptionHandler.DatabaseUnavailable(e);
            // A request the framework refused (a form without its antiforgery token, a body it cannot read) keeps its 4xx.
            var refused = e as BadHttpRequestException;
            if (!unavailable && refused is null) log.LogError(e, "Page failed on {Path}", http.Request.Path);
            http.Response.Clear();
            http.Response.StatusCode = refused?.StatusCode ?? (unavailable ? 503 : 500);
            http.Response.ContentType = "text/html; charset=utf-8";
            var lang = SiteLanguages.Current;
            string T(string key) => WebUtility.HtmlEncode(text[key]);
            await http.Response.WriteAsync($"""
                <!DOCTYPE html>
                <html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{T("Error.Title")}</title><link rel="stylesheet" href="{SiteAssets.CssUrl}"></head>
                <body><main class="page" id="main"><h1>{T("Error.Title")}</h1><p>{T(unavailable ? "Error.Unavailable" : "Error.Body")}</p>
                <p><a href="/">{T("Nav.Home")}</a></p></main></body></html>
                """);
        }
    }
}
