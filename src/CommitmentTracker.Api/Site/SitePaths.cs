namespace CommitmentTracker.Site;

/// <summary>Which paths are the site's pages (everything but the API, GraphQL, Swagger, health and bench endpoints).</summary>
public static class SitePaths
{
    public const string NotFound = "/not-found";

    private static readonly string[] NotPages = ["/api", "/graphql", "/swagger", "/health", "/bench", "/language", SiteAssets.CssPath];

    public static bool IsPage(PathString path) => !NotPages.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>The embeddable cards: the only pages other sites may frame.</summary>
    public static bool IsEmbed(PathString path) => path.StartsWithSegments("/embed", StringComparison.OrdinalIgnoreCase);

    /// <summary>A return address that stays on this site: a local path, never //host or /\host.</summary>
    public static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not '/' and not '\\') ? url : "/";
}
