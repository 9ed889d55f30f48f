using System.Security.Claims;
using CommitmentTracker.Infrastructure.Http;

namespace CommitmentTracker.Infrastructure.Auth;

public static class Roles
{
    public const string Admin = "admin";
    public const string Poc = "poc";
    public const string Cso = "cso";
    public const string Irm = "irm";
    public static readonly string[] All = [Admin, Poc, Cso, Irm];
}

/// <summary>Who is making a request: the same shape whichever credential authenticated it.</summary>
public sealed record Actor(string Id, string Name, string Role, string Organisation, IReadOnlyList<string> Members)
{
    public const string MemberClaim = "ogp:member";
    public const string OrganisationClaim = "ogp:org";

    public static readonly Actor Anonymous = new("anonymous", "anonymous", "anonymous", "", []);

    public static Actor From(ClaimsPrincipal user) => user.Identity?.IsAuthenticated != true
        ? Anonymous
        : new Actor(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown",
            user.FindFirstValue(ClaimTypes.Name) ?? "unknown",
            user.FindFirstValue(ClaimTypes.Role) ?? "unknown",
            user.FindFirstValue(OrganisationClaim) ?? "",
            user.FindAll(MemberClaim).Select(c => c.Value).ToArray());

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Only the PoC of that member, or an admin, may write a member's plan data.</summary>
    public void EnsureCanWriteMember(string memberCode)
    {
        if (IsAdmin) return;
        if (Role == Roles.Poc && Members.Contains(memberCode, StringComparer.OrdinalIgnoreCase)) return;
        throw new Forbidden($"Role '{Role}' may not write data of member '{memberCode}'.");
    }

    public void EnsureAdmin() => EnsureRole(Roles.Admin);

    public void EnsureRole(params string[] roles)
    {
        if (!roles.Contains(Role)) throw new Forbidden($"Only {string.Join(" or ", roles)} may do this; this key is {Role}.");
    }
}
