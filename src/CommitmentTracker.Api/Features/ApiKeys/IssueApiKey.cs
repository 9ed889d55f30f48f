using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Auth;

namespace CommitmentTracker.Features.ApiKeys;

/// <summary>
/// What a key may write. The names are the roles' own words, lower-case as the history's <c>role</c>, the OIDC role claim
/// and every actor carry them; like every enum they are read in any letter case, never as numbers.
/// </summary>
#pragma warning disable IDE1006 // the wire names are the role words (admin, poc, cso, irm)
public enum ApiKeyRole { admin, poc, cso, irm }
#pragma warning restore IDE1006

/// <summary>Issue a key for a person or system: a role, an organisation and, for PoCs, the members it may write.</summary>
public sealed record IssueApiKey([property: Required] string? Name, [property: Required] ApiKeyRole? Role, [property: Required] string? Organisation, string[]? Members)
{
    public static ApiKey Decide(IssueApiKey c, string secret, IReadOnlyCollection<string> knownMembers, string by, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.Required("name", c.Name).MaxLength("name", c.Name, 200)
              .Required("organisation", c.Organisation).MaxLength("organisation", c.Organisation, 200);
        errors.Required("role", c.Role).Defined("role", c.Role);
        if (c.Name is { } name && PublicNames.HasEmail(name))
            errors.Add("name", "the name is shown beside every write the key makes, which anyone can read: give a person's or team's name, not an email address.");
        var members = (c.Members ?? []).Select(m => m.Trim().ToUpperInvariant()).Distinct().ToArray();
        if (c.Role == ApiKeyRole.poc && members.Length == 0) errors.Add("members", "a poc key needs at least one member.");
        if (c.Role is not (null or ApiKeyRole.poc) && members.Length > 0) errors.Add("members", "only poc keys are scoped to members.");
        foreach (var unknown in members.Except(knownMembers)) errors.Add("members", $"member '{unknown}' is not registered.");
        errors.ThrowIfAny();
        return new ApiKey(ApiKey.Hash(secret), c.Name!.Trim(), c.Role!.Value.ToString(), c.Organisation!.Trim(), members, now, by);
    }
}

/// <summary>The only response that ever carries the secret.</summary>
public sealed record IssuedApiKey(string KeyId, string Secret, string Name, ApiKeyRole Role, string Organisation, string[] Members);

public sealed record ApiKeyResponse(string KeyId, string Name, ApiKeyRole Role, string Organisation, string[] Members,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public static ApiKeyResponse From(ApiKey k) => new(k.KeyId, k.Name, Enum.Parse<ApiKeyRole>(k.Role), k.Organisation, k.Members, k.CreatedAt, k.CreatedBy, k.RevokedAt);
}
