using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>The browser host with <c>Auth:Oidc</c> pointing at a real in-process OpenIddict provider that shows its own login page.</summary>
public sealed class OidcBrowserApi : BrowserApi
{
    public OidcProvider Provider { get; } = new() { LoginPage = true };

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Auth:Oidc:Authority"] = Provider.Issuer,
        ["Auth:Oidc:ClientId"] = OidcProvider.ClientId,
        ["Auth:Oidc:ClientSecret"] = OidcProvider.ClientSecret,
        ["Auth:Oidc:RequireHttpsMetadata"] = "false",
    };

    // The provider's tokens and the browser's cookie expiry live in real time, so this host's clock starts at now.
    public OidcBrowserApi() => Clock.Now = DateTimeOffset.UtcNow;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Provider.AllowRedirect(new Uri(BaseUrl, "/signin-oidc").ToString());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
