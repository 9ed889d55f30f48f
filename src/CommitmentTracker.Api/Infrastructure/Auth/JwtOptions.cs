namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>Where an identity provider puts our role, organisation and members: the same names for API tokens and browser sign-in.</summary>
public abstract class IdentityClaimNames
{
    public string RoleClaim { get; set; } = "ogp_role";
    public string OrganisationClaim { get; set; } = "ogp_org";
    public string MemberClaim { get; set; } = "ogp_members";
    public string NameClaim { get; set; } = "name";
}

/// <summary>
/// <c>Auth:Jwt</c>: an OpenID Connect authority whose access tokens are accepted beside API keys. Unset authority means
/// JWTs are not accepted at all.
/// </summary>
public sealed class JwtOptions : IdentityClaimNames
{
    public string? Authority { get; set; }
    public string? Audience { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>
/// <c>Auth:Oidc</c>: the provider people sign in with in the browser (authorization code with PKCE). Unset authority
/// means people sign in with their API key instead.
/// </summary>
public sealed class OidcOptions : IdentityClaimNames
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;
    public string[] Scopes { get; set; } = ["openid", "profile"];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
