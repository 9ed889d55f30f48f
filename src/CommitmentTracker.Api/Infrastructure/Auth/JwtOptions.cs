namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>
/// <c>Auth:Jwt</c>: an OpenID Connect authority whose access tokens are accepted beside API keys. Unset authority means
/// JWTs are not accepted at all. The claim names say where the identity provider puts our role, organisation and members.
/// </summary>
public sealed class JwtOptions
{
    public string? Authority { get; set; }
    public string? Audience { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;
    public string RoleClaim { get; set; } = "ogp_role";
    public string OrganisationClaim { get; set; } = "ogp_org";
    public string MemberClaim { get; set; } = "ogp_members";
    public string NameClaim { get; set; } = "name";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
