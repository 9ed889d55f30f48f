using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>
/// Turns a validated token (an API access token or a browser sign-in's ID token) into the same principal an API key
/// gives: id, name, role, organisation, members.
/// </summary>
public static class JwtPrincipal
{
    public static Task Map(TokenValidatedContext context, JwtOptions options)
    {
        if (Claims(context.Principal!, options, out var error) is { } claims)
            context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, JwtBearerDefaults.AuthenticationScheme));
        else context.Fail(error!);
        return Task.CompletedTask;
    }

    /// <summary>Null, with the reason, when the token lacks a subject or one of our roles.</summary>
    public static List<Claim>? Claims(ClaimsPrincipal token, IdentityClaimNames names, out string? error)
    {
        var subject = token.FindFirstValue("sub") ?? token.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = token.FindFirstValue(names.RoleClaim);
        if (subject is null || role is null || !Roles.All.Contains(role))
        {
            error = $"The token needs 'sub' and a '{names.RoleClaim}' claim of {string.Join(", ", Roles.All)}.";
            return null;
        }
        var members = token.FindAll(names.MemberClaim)
            .SelectMany(c => c.Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Select(m => m.Trim().ToUpperInvariant()).Distinct();
        var organisation = token.FindFirstValue(names.OrganisationClaim) ?? "";
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, PublicNames.SubjectId(subject)),
            new(ClaimTypes.Name, PublicNames.From(token, names, role, organisation)),
            new(ClaimTypes.Role, role),
            new(Actor.OrganisationClaim, organisation),
        };
        claims.AddRange(members.Select(m => new Claim(Actor.MemberClaim, m)));
        error = null;
        return claims;
    }
}
