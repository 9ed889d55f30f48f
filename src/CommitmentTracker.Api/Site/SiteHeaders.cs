namespace CommitmentTracker.Site;

/// <summary>
/// Security headers. Every response: no MIME sniffing, and no framing except the embeddable cards. The site's pages add a
/// strict Content-Security-Policy: no script at all, styles only from this origin, forms only to this origin.
/// </summary>
public static class SiteHeaders
{
    public const string PagePolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public const string EmbedPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors *";

    public static Task Apply(HttpContext http, Func<Task> next)
    {
        var path = http.Request.Path;
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (SitePaths.IsEmbed(path)) headers.ContentSecurityPolicy = EmbedPolicy;
            else
            {
                headers.XFrameOptions = "DENY";
                if (SitePaths.IsPage(path)) headers.ContentSecurityPolicy = PagePolicy;
            }
            return Task.CompletedTask;
        });
        return next();
    }
}
