using CommitmentTracker.Infrastructure.Configuration;

namespace CommitmentTracker.Infrastructure.Limits;

public static class LimitsSetup
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddSettings<RateLimitOptions>();
        services.AddSettings<BodyLimitOptions>();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = RateLimits.Create();
            o.OnRejected = RateLimits.Reject;
        });
        // RequestBodyLimit sets the cap per request; Kestrel's global default would otherwise refuse larger imports first.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = null);
        return services;
    }

    /// <summary>After authentication, so the per-key bucket knows the caller.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseMiddleware<RequestBodyLimit>();
        return app;
    }
}
