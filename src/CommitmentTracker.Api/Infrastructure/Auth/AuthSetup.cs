using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Infrastructure.Auth;

public static class AuthSetup
{
    public const string Writer = "writer";
    private const string KeyOrToken = "KeyOrToken";

    /// <summary>API keys always; JWTs from <c>Auth:Jwt:Authority</c> when set. Both become the same <see cref="Actor"/>.</summary>
    public static IServiceCollection AddAuth(this IServiceCollection services)
    {
        services.AddOptions<JwtOptions>().BindConfiguration("Auth:Jwt");
        services.AddAuthentication(KeyOrToken)
            .AddPolicyScheme(KeyOrToken, "API key or JWT", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
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
        // Every write needs an authenticated caller; role and member scope are decided per command.
        services.AddAuthorizationBuilder().AddPolicy(Writer, p => p.RequireAuthenticatedUser());
        services.AddHostedService<BootstrapAdminKey>();
        services.AddScoped(sp => Actor.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new()));
        return services;
    }

    // A JWT has three dot-separated parts; our API keys have none.
    private static string SelectScheme(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var jwt = context.RequestServices.GetRequiredService<IOptions<JwtOptions>>().Value;
        return jwt.Enabled && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
               && authorization.Count(c => c == '.') == 2
            ? JwtBearerDefaults.AuthenticationScheme
            : ApiKeyAuthenticationHandler.SchemeName;
    }
}
