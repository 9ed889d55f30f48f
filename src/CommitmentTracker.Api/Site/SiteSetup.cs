using System.Text.Encodings.Web;
using System.Text.Unicode;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Site.Reads;
using Microsoft.AspNetCore.Localization;

namespace CommitmentTracker.Site;

/// <summary>The public site: Razor components rendered on the server (static SSR) in the API's own process.</summary>
public static class SiteSetup
{
    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddLocalization();
        // Razor components otherwise write each Georgian or Armenian letter as an entity (aspnetcore#47477); <, >, & and quotes stay encoded.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(SiteLanguages.Configure);
        services.AddSingleton<SampleData>();
        return services.AddSiteReads();
    }

    /// <summary>Security headers on every response, the API's too: first in the pipeline, so short-circuited answers get them.</summary>
    public static WebApplication UseSiteHeaders(this WebApplication app)
    {
        app.Use(SiteHeaders.Apply);
        return app;
    }

    /// <summary>Language, the not-found page, errors and status for the site's pages only; after the workspace's antiforgery.</summary>
    public static WebApplication UseSite(this WebApplication app)
    {
        app.UseWhen(http => SitePaths.IsPage(http.Request.Path), site =>
        {
            site.UseMiddleware<SiteErrors>();
            site.UseRequestLocalization();
            site.Use(SiteLanguages.RememberQueryChoice);
            site.UseMiddleware<PageResponses>();
            site.Use(NotFoundPage);
        });
        return app;
    }

    /// <summary>
    /// An address no endpoint answers gets the site's not-found page, which the router renders. A middleware, not a
    /// fallback route: a GET fallback would turn the API's 405 for a wrong method into a 404.
    /// </summary>
    private static async Task NotFoundPage(HttpContext http, Func<Task> next)
    {
        await next();
        if (http.Response.StatusCode == StatusCodes.Status404NotFound && http.GetEndpoint() is null && !http.Response.HasStarted
            && HttpMethods.IsGet(http.Request.Method))
            await new Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<App>().ExecuteAsync(http);
    }

    public static WebApplication MapSite(this WebApplication app)
    {
        app.MapGet(SiteAssets.CssPath, SiteAssets.Css).ExcludeFromDescription();
        app.MapGet("/language", SiteLanguages.Choose).ExcludeFromDescription();
        // Pages take part in the API's conditional GETs (ETag of the bytes sent, If-None-Match answered 304).
        app.MapRazorComponents<App>().Add(e => e.Metadata.Add(new CachedRepresentation()));
        return app;
    }
}
