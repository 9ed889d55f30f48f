using Microsoft.AspNetCore.Authentication;

namespace CommitmentTracker.Infrastructure.Auth;

public static class AuthSetup
{
    public const string Writer = "writer";

    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        // Every write needs an authenticated caller; role and member scope are decided per command.
        services.AddAuthorizationBuilder().AddPolicy(Writer, p => p.RequireAuthenticatedUser());
        services.AddHostedService<BootstrapAdminKey>();
        services.AddScoped(sp => Actor.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new()));
        return services;
    }
}
