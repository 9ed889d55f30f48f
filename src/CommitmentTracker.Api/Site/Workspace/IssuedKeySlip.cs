using System.Security.Claims;
using System.Text.Json;
using CommitmentTracker.Features.ApiKeys;
using CommitmentTracker.Infrastructure.Auth;
using Microsoft.AspNetCore.DataProtection;

namespace CommitmentTracker.Site.Workspace;

/// <summary>
/// A key's secret on its way from the issue form's post to the one page that shows it (post, redirect, get): a cookie
/// encrypted with Data Protection for this session only, HttpOnly, SameSite=Strict, for that page's path alone and five
/// minutes at most. The page takes it and deletes it, and is never stored (no-store): a reload or going back finds
/// nothing. The secret is never in a URL, a log line or the store (the store keeps its hash).
/// </summary>
public static class IssuedKeySlip
{
    public const string Page = "/workspace/keys/issued";
    private const string Cookie = "ct_issued";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static void Hand(HttpContext http, IssuedApiKey key)
    {
        var sealedKey = Protector(http).ToTimeLimitedDataProtector().Protect(JsonSerializer.Serialize(key), Lifetime);
        http.Response.Cookies.Append(Cookie, sealedKey, Options(http));
    }

    /// <summary>The key just issued, once: the cookie is deleted as it is read.</summary>
    public static IssuedApiKey? Take(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Cookie, out var sealedKey)) return null;
        http.Response.Cookies.Delete(Cookie, Options(http));
        try
        {
            return JsonSerializer.Deserialize<IssuedApiKey>(Protector(http).ToTimeLimitedDataProtector().Unprotect(sealedKey));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // expired, or sealed for another session
        }
    }

    private static IDataProtector Protector(HttpContext http) => http.RequestServices.GetRequiredService<IDataProtectionProvider>()
        .CreateProtector("workspace.issued-key", http.User.FindFirstValue(WorkspaceSession.Claim) ?? "");

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = Page, MaxAge = Lifetime, IsEssential = true,
    };
}
