using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>
/// Signing in and out of the site's workspace. The sign-in page posts an API key here, checked once, or goes to the
/// OpenID Connect provider when one is configured; either way the person leaves with a session cookie.
/// </summary>
public static class SignInEndpoints
{
    public const string Home = "/workspace";

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        // Before the sign-in page's own route (a page takes POST too): the page's form posts here.
        app.MapPost("/signin", SignInWithKey).ExcludeFromDescription().WithOrder(-1);
        app.MapGet("/signin/oidc", SignInWithProvider).ExcludeFromDescription();
        app.MapPost("/signout", SignOut).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignInWithKey([FromForm] string? apiKey, [FromForm] string? returnUrl, IQuerySession session, HttpContext http)
    {
        var key = string.IsNullOrWhiteSpace(apiKey) ? null : await session.LoadAsync<ApiKey>(ApiKey.Hash(apiKey.Trim()), http.RequestAborted);
        if (key is not { RevokedAt: null })
            return new SeeOther($"/signin?failed=key&returnUrl={Uri.EscapeDataString(Local(returnUrl))}");
        var claims = ApiKeyAuthenticationHandler.ClaimsOf(key);
        claims.Add(new Claim(WorkspaceSession.KeyClaim, key.Id));
        await http.SignInAsync(WorkspaceCookie.Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, WorkspaceCookie.Scheme)));
        return new SeeOther(Local(returnUrl));
    }

    private static IResult SignInWithProvider(string? returnUrl, IOptions<OidcOptions> oidc) => oidc.Value.Enabled
        ? Results.Challenge(new AuthenticationProperties { RedirectUri = Local(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme])
        : Results.NotFound();

    // The form field is read so that the antiforgery token is checked: the middleware only marks a bad token.
    private static async Task<IResult> SignOut([FromForm] string? returnUrl, HttpContext http)
    {
        await WorkspaceCookie.SignOut(http);
        return new SeeOther(returnUrl is { Length: > 0 } ? Local(returnUrl) : "/");
    }

    /// <summary>Only a path on this site: a sign-in link must not send anyone elsewhere (open redirect).</summary>
    public static string Local(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || (u[1] != '/' && u[1] != '\\')) ? u : Home;

    /// <summary>After a form post the browser must GET the next page (303), never post again.</summary>
    public sealed class SeeOther(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = url;
            return Task.CompletedTask;
        }
    }
}
