using Microsoft.AspNetCore.Cors.Infrastructure;

namespace CommitmentTracker.Infrastructure.Http;

/// <summary><c>Cors:WriteOrigins</c>: the origins whose pages may write through the API from a browser (none by default).</summary>
public sealed record CorsOptions
{
    public string[] WriteOrigins { get; init; } = [];
}

/// <summary>
/// Cross-origin rules for /api and /graphql: any page may read without credentials (GET on /api and the exports, GET or
/// POST of a GraphQL query; there are no mutations), and only the <see cref="CorsOptions.WriteOrigins"/> may write.
/// Everything else (the site, Swagger) sends no CORS headers.
/// </summary>
public sealed class CorsRules(Microsoft.Extensions.Options.IOptionsMonitor<CorsOptions> options) : ICorsPolicyProvider
{
    private static readonly string[] Exposed = ["ETag", "Location", "Content-Disposition", "Idempotent-Replayed", "Retry-After"];

    private static readonly CorsPolicy Reads = new CorsPolicyBuilder()
        .AllowAnyOrigin().WithMethods("GET", "POST").WithHeaders("Content-Type", "Accept", "Accept-Language", "If-None-Match")
        .WithExposedHeaders(Exposed).SetPreflightMaxAge(TimeSpan.FromHours(1)).Build();

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext http, string? policyName)
    {
        var path = http.Request.Path;
        if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/graphql")) return Task.FromResult<CorsPolicy?>(null);
        var method = CorsConstants.PreflightHttpMethod.Equals(http.Request.Method, StringComparison.OrdinalIgnoreCase)
            ? http.Request.Headers[CorsConstants.AccessControlRequestMethod].ToString()
            : http.Request.Method;
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method) && path == "/graphql";
        return Task.FromResult<CorsPolicy?>(read ? Reads : Writes(options.CurrentValue.WriteOrigins));
    }

    private static CorsPolicy Writes(string[] origins) => new CorsPolicyBuilder()
        .WithOrigins(origins).WithMethods("POST", "PATCH", "PUT", "DELETE")
        .WithHeaders("Content-Type", "Accept", "Accept-Language", "X-Api-Key", "Authorization", "If-Match", "Idempotency-Key")
        .WithExposedHeaders(Exposed).Build();
}

public static class CorsSetup
{
    public static IServiceCollection AddCorsRules(this IServiceCollection services)
    {
        services.AddOptions<CorsOptions>().BindConfiguration("Cors");
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, CorsRules>();
        return services;
    }
}
