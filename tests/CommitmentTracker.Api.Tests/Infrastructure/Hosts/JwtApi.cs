using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

public class JwtApi : ApiFactory
{
    public OidcAuthority Authority { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Auth:Jwt:Authority"] = Authority.Issuer,
        ["Auth:Jwt:Audience"] = OidcAuthority.Audience,
        ["Auth:Jwt:RequireHttpsMetadata"] = "false",
    };

    public Scenarios WithToken(string token)
    {
        var client = As(Caller.Bearer(token));
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Authority.DisposeAsync();
    }
}
