using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using CommitmentTracker.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Infrastructure.Auth;

public static class AuthSetup
{
    public const string Writer = "writer";
    private const string KeyOrToken = "KeyOrToken";

    /// <summary>
    /// API keys always; JWTs from <c>Auth:Jwt:Authority</c> when set; for the site's pages a session cookie, opened with
    /// an API key or through the OpenID Connect provider at <c>Auth:Oidc:Authority</c>. All become the same <see cref="Actor"/>.
    /// </summary>
    public static IServiceCollection AddAuth(this IServiceCollection services)
    {
        services.AddSettings<JwtOptions>();
        services.AddSettings<OidcOptions>();
        services.AddSettings<SessionOptions>();
        services.AddSettings<BootstrapAdminKeyOptions>();
        var authentication = services.AddAuthentication(KeyOrToken)
            .AddPolicyScheme(KeyOrToken, "API key, JWT or session", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer()
            .AddCookie(WorkspaceCookie.Scheme)
            .AddOpenIdConnect();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<JwtOptions>>((o, jwt) =>
        {
            var options = jwt.Value;
            o.Authority = options.Authority;
            o.Audience = options.Audience;
            o.RequireHttpsMetadata = options.RequireHttpsMetadata;
            o.MapInboundClaims = false;
            o.TokenValidationParameters.ValidateAudience = !string.IsNullOrEmpty(options.Audience);
            o.Events = new JwtBearerEvents { OnTokenValidated = c => JwtPrincipal.Map(c, options) };
        });
        services.AddOptions<CookieAuthenticationOptions>(WorkspaceCookie.Scheme).Configure<IOptions<SessionOptions>, TimeProvider>(
            (o, session, clock) => WorkspaceCookie.Configure(o, session.Value, clock));
        services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IOptions<OidcOptions>>((o, oidc) => ConfigureOidc(o, oidc.Value));
        services.AddDataProtection().SetApplicationName("CommitmentTracker");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, MartenDataProtectionKeys.Setup>();
        services.AddAntiforgery(o => { o.Cookie.Name = "ct_antiforgery"; o.Cookie.Path = "/"; });
        // Every write needs an authenticated caller; role and member scope are decided per command.
        services.AddAuthorizationBuilder().AddPolicy(Writer, p => p.RequireAuthenticatedUser());
        services.AddHostedService<BootstrapAdminKey>();
        services.AddScoped(sp => Actor.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new()));
        return services;
    }

    /// <summary>Validates form posts of the site; the API takes no cookies, so it needs no antiforgery token.</summary>
    public static WebApplication UseWorkspaceForms(this WebApplication app)
    {
        app.UseAntiforgery();
        return app;
    }

    private static void ConfigureOidc(OpenIdConnectOptions o, OidcOptions oidc)
    {
        // Unconfigured, the scheme stays registered but unused: GET /signin/oidc answers 404 (SignInEndpoints).
        o.Authority = oidc.Enabled ? oidc.Authority : "https://oidc.invalid";
        o.ClientId = oidc.Enabled ? oidc.ClientId : "unconfigured";
        o.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
        o.RequireHttpsMetadata = oidc.RequireHttpsMetadata && oidc.Enabled;
        o.ResponseType = "code";
        o.UsePkce = true;
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.SignInScheme = WorkspaceCookie.Scheme;
        o.Scope.Clear();
        foreach (var scope in oidc.Scopes) o.Scope.Add(scope);
        o.Events = new OpenIdConnectEvents
        {
            OnTokenValidated = c =>
            {
                if (JwtPrincipal.Claims(c.Principal!, oidc, out var error) is { } claims)
                    c.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, OpenIdConnectDefaults.AuthenticationScheme));
                else c.Fail(error!);
                return Task.CompletedTask;
            },
            // A person the provider knows but who has no role here sees the sign-in page again, with the reason.
            OnRemoteFailure = c =>
            {
                c.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CommitmentTracker.Auth")
                    .LogWarning("OpenID Connect sign-in failed: {Reason}", c.Failure?.Message);
                c.Response.Redirect("/signin?failed=oidc");
                c.HandleResponse();
                return Task.CompletedTask;
            },
        };
    }

    // A JWT has three dot-separated parts; our API keys have none. The session cookie is read only outside the API,
    // so a cookie alone never authorizes an API write: that is what keeps /api free of cross-site request forgery.
    private static string SelectScheme(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!IsApi(context.Request.Path) && authorization.Length == 0 && !context.Request.Headers.ContainsKey("X-Api-Key"))
            return WorkspaceCookie.Scheme;
        var jwt = context.RequestServices.GetRequiredService<IOptions<JwtOptions>>().Value;
        return jwt.Enabled && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
               && authorization.Count(c => c == '.') == 2
            ? JwtBearerDefaults.AuthenticationScheme
            : ApiKeyAuthenticationHandler.SchemeName;
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/graphql");
}
