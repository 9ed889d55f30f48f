using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>Turns a validated access token into the same principal an API key gives: id, name, role, organisation, members.</summary>
public static class JwtPrincipal
{
    public static Task Map(TokenValidatedContext context, JwtOptions options)
    {
        var token = context.Principal!;
        var subject = token.FindFirstValue("sub") ?? token.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = token.FindFirstValue(options.RoleClaim);
        if (subject is null || role is null || !Roles.All.Contains(role))
        {
            context.Fail($"The token needs 'sub' and a '{options.RoleClaim}' claim of {string.Join(", ", Roles.All)}.");
            return Task.CompletedTask;
        }
        var members = token.FindAll(options.MemberClaim)
            .SelectMany(c => c.Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Select(m => m.Trim().ToUpperInvariant()).Distinct();
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "jwt:" + subject),
            new(ClaimTypes.Name, token.FindFirstValue(options.NameClaim) ?? token.FindFirstValue("preferred_username") ?? subject),
            new(ClaimTypes.Role, role),
            new(Actor.OrganisationClaim, token.FindFirstValue(options.OrganisationClaim) ?? ""),
        };
        claims.AddRange(members.Select(m => new Claim(Actor.MemberClaim, m)));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, JwtBearerDefaults.AuthenticationScheme));
        return Task.CompletedTask;
    }
}
