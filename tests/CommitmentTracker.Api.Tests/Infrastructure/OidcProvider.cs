using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on a loopback port, for browser sign-in: discovery, an authorization
/// endpoint that issues codes only with PKCE, a token endpoint that redeems them, signed ID tokens. Where a real
/// provider would show its own login page, this one signs in whoever the test names in <see cref="Person"/>.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "ogp-workspace";
    public const string ClientSecret = "workspace-client-secret-for-tests";
    private readonly WebApplication app;

    public string Issuer { get; }

    /// <summary>Who signs in at the provider next: subject, role, members, organisation, display name.</summary>
    public (string Subject, string Role, string[] Members, string Organisation, string Name) Person { get; set; } =
        ("oidc-admin", "admin", [], "OGP Support Unit", "Nino (OIDC)");

    /// <summary>Whether the provider asks who signs in (a login form, as a browser meets it) before it answers with a code.</summary>
    public bool LoginPage { get; set; }

    public OidcProvider(params string[] redirectUris)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var database = "oidc-" + Guid.NewGuid();
        builder.Services.AddDbContext<DbContext>(o => o.UseInMemoryDatabase(database).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        app = builder.Build();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize);
        app.StartAsync().GetAwaiter().GetResult();
        Issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        RegisterClient(redirectUris).GetAwaiter().GetResult();
    }

    private async Task RegisterClient(string[] redirectUris)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId, ClientSecret = ClientSecret, ClientType = ClientTypes.Confidential,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirectUris) descriptor.RedirectUris.Add(new Uri(uri));
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor);
    }

    /// <summary>Registers one more callback of the client: a browser host's address is known only once it listens.</summary>
    public async Task AllowRedirect(string uri)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var client = await manager.FindByClientIdAsync(ClientId) ?? throw new InvalidOperationException("no client");
        var descriptor = new OpenIddictApplicationDescriptor();
        await manager.PopulateAsync(descriptor, client);
        descriptor.RedirectUris.Add(new Uri(uri));
        await manager.UpdateAsync(client, descriptor);
    }

    private IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()!;
        var person = Person;
        if (LoginPage && (request["username"]?.ToString() is not { } username || username != person.Subject)) return Login(request);
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, person.Subject));
        identity.AddClaim(new Claim(Claims.Name, person.Name));
        identity.AddClaim(new Claim("ogp_role", person.Role));
        identity.AddClaim(new Claim("ogp_org", person.Organisation));
        foreach (var member in person.Members) identity.AddClaim(new Claim("ogp_members", member));
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The provider's own sign-in page: the authorization request's parameters carried along, and who signs in.</summary>
    private static IResult Login(OpenIddictRequest request)
    {
        var hidden = string.Concat(request.GetParameters().Where(p => p.Key != "username").Select(p =>
            $"<input type=\"hidden\" name=\"{System.Net.WebUtility.HtmlEncode(p.Key)}\" value=\"{System.Net.WebUtility.HtmlEncode(p.Value.ToString())}\">"));
        return Results.Content($"""
            <!doctype html><html lang="en"><head><title>Provider sign-in</title></head><body><main><h1>Sign in at the provider</h1>
            <form method="post" action="/connect/authorize">{hidden}
            <label for="username">User name</label> <input id="username" name="username" autocomplete="username">
            <button type="submit">Continue</button></form></main></body></html>
            """, "text/html");
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
