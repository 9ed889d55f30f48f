using CommitmentTracker.Infrastructure.Configuration;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace CommitmentTracker.Infrastructure.Http;

/// <summary><c>Cors:WriteOrigins</c>: the origins whose pages may write through the API from a browser (none by default).</summary>
public sealed record CorsOptions : ISettings, System.ComponentModel.DataAnnotations.IValidatableObject
{
    public static string Section => "Cors";

    public string[] WriteOrigins { get; init; } = [];

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext context) =>
        WriteOrigins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/")
            .Select(o => new System.ComponentModel.DataAnnotations.ValidationResult($"'{o}' is not an origin (scheme://host[:port])", [nameof(WriteOrigins)]));
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
    /// <summary>
    /// The exception handler clears the response, CORS headers included, before it writes the problem; this puts them
    /// back, so a page on another origin can read why its request was refused (a 404, a 400, a 409).
    /// </summary>
    public static async Task ReapplyCors(this HttpContext http)
    {
        if (!http.Request.Headers.ContainsKey(CorsConstants.Origin)) return;
        if (await http.RequestServices.GetRequiredService<ICorsPolicyProvider>().GetPolicyAsync(http, null) is not { } policy) return;
        var cors = http.RequestServices.GetRequiredService<ICorsService>();
        cors.ApplyResult(cors.EvaluatePolicy(http, policy), http.Response);
    }

    public static IServiceCollection AddCorsRules(this IServiceCollection services)
    {
        services.AddSettings<CorsOptions>();
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, CorsRules>();
        return services;
    }
}
