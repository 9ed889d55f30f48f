using System.Text.RegularExpressions;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>The workspace host with <c>Auth:Oidc</c> pointing at a real in-process OpenIddict provider.</summary>
public sealed class OidcSessionHost : SessionHost
{
    public OidcProvider Provider { get; } = new("https://localhost/signin-oidc");

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Auth:Oidc:Authority"] = Provider.Issuer,
        ["Auth:Oidc:ClientId"] = OidcProvider.ClientId,
        ["Auth:Oidc:ClientSecret"] = OidcProvider.ClientSecret,
        ["Auth:Oidc:RequireHttpsMetadata"] = "false",
    };

    // The provider's tokens and the browser's cookie expiry live in real time, so this host's clock starts at now.
    public OidcSessionHost() => Clock.Now = DateTimeOffset.UtcNow;

    // Over https, as a provider's callback is in a deployment: the correlation and nonce cookies are Secure.
    protected override Uri BaseAddress => new("https://localhost");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
