using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect authority on a loopback port: discovery document and JWKS over HTTP, as an identity provider
/// serves them. The API under test fetches its signing key from here, exactly as in a deployment.
/// </summary>
public sealed class OidcAuthority : IAsyncDisposable
{
    public const string Audience = "ogp-tracker";
    private readonly RSA rsa = RSA.Create(2048);
    private readonly RsaSecurityKey key;
    private readonly WebApplication app;

    public string Issuer { get; }

    public OidcAuthority()
    {
        key = new RsaSecurityKey(rsa) { KeyId = "test-key-1" };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer!, ["jwks_uri"] = Issuer + "/jwks", ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () => Results.Text(
            System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = key.KeyId }) } },
                new System.Text.Json.JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }),
            "application/json"));
        app.StartAsync().GetAwaiter().GetResult();
        Issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    /// <summary>An access token with our claims; <paramref name="signWith"/> lets a test forge one with another key.</summary>
    public string Token(string subject, string role, string[]? members = null, string organisation = "Ministry of Justice",
        string audience = Audience, DateTime? expires = null, SecurityKey? signWith = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["ogp_role"] = role, ["ogp_org"] = organisation, ["name"] = subject + " (OIDC)" };
        if (members is not null) claims["ogp_members"] = members;
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = audience, Claims = claims,
            NotBefore = expiry.AddMinutes(-20), Expires = expiry, IssuedAt = expiry.AddMinutes(-20),
            SigningCredentials = new SigningCredentials(signWith ?? key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        rsa.Dispose();
    }
}
