using System.Security.Claims;
using System.Text.Encodings.Web;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>Reads a key from <c>Authorization: Bearer</c> or <c>X-Api-Key</c> and finds it by hash.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IDocumentStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Request.Headers["X-Api-Key"].ToString();
        var authorization = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(secret) && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            secret = authorization["Bearer ".Length..].Trim();
        if (string.IsNullOrEmpty(secret)) return AuthenticateResult.NoResult();

        await using var session = store.QuerySession();
        var key = await session.LoadAsync<ApiKey>(ApiKey.Hash(secret), Context.RequestAborted);
        if (key is null || key.RevokedAt is not null) return AuthenticateResult.Fail("Unknown or revoked API key.");

        var principal = new ClaimsPrincipal(new ClaimsIdentity(ClaimsOf(key), SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>The claims a key gives, whether it comes with each request or once at browser sign-in.</summary>
    public static List<Claim> ClaimsOf(ApiKey key)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "key:" + key.KeyId),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, key.Role),
            new(Actor.OrganisationClaim, key.Organisation),
        };
        claims.AddRange(key.Members.Select(m => new Claim(Actor.MemberClaim, m)));
        return claims;
    }
}
