using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Infrastructure.Configuration;

namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>Where an identity provider puts our role, organisation and members: the same names for API tokens and browser sign-in.</summary>
public abstract class IdentityClaimNames
{
    [Required] public string RoleClaim { get; set; } = "ogp_role";
    [Required] public string OrganisationClaim { get; set; } = "ogp_org";
    [Required] public string MemberClaim { get; set; } = "ogp_members";
    [Required] public string NameClaim { get; set; } = "name";
}

/// <summary>
/// <c>Auth:Jwt</c>: an OpenID Connect authority whose access tokens are accepted beside API keys. Unset authority means
/// JWTs are not accepted at all.
/// </summary>
public sealed class JwtOptions : IdentityClaimNames, ISettings
{
    public static string Section => "Auth:Jwt";

    [AbsoluteUrl] public string? Authority { get; set; }
    public string? Audience { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>
/// <c>Auth:Oidc</c>: the provider people sign in with in the browser (authorization code with PKCE). Unset authority
/// means people sign in with their API key instead.
/// </summary>
public sealed class OidcOptions : IdentityClaimNames, ISettings, IValidatableObject
{
    public static string Section => "Auth:Oidc";

    [AbsoluteUrl] public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Empty here: the binder appends a configured array to a default one, so the default (<c>openid</c>, <c>profile</c>) is in appsettings.json.</summary>
    public string[] Scopes { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Enabled && string.IsNullOrWhiteSpace(ClientId)) yield return new ValidationResult("is required when Auth:Oidc:Authority is set", [nameof(ClientId)]);
        if (Enabled && !Scopes.Contains("openid")) yield return new ValidationResult("must include openid", [nameof(Scopes)]);
    }
}
