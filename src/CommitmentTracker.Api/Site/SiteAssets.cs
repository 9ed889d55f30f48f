using System.Security.Cryptography;

namespace CommitmentTracker.Site;

/// <summary>The site's one stylesheet, embedded in the assembly and served with a content hash in its URL (cached for a year).</summary>
public static class SiteAssets
{
    public const string CssPath = "/site.css";

    private static readonly byte[] CssBytes = Load("site.css");
    private static readonly string Hash = Convert.ToHexString(SHA256.HashData(CssBytes))[..12].ToLowerInvariant();

    public static string CssUrl { get; } = $"{CssPath}?v={Hash}";

    public static IResult Css(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.Bytes(CssBytes, "text/css; charset=utf-8", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{Hash}\""));
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(SiteAssets).Assembly.GetManifestResourceStream($"CommitmentTracker.Site.Assets.{name}")
                           ?? throw new InvalidOperationException($"The embedded asset {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
