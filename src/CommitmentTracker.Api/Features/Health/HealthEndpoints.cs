using CommitmentTracker.Infrastructure.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using CheckStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus;

namespace CommitmentTracker.Features.Health;

public sealed record HealthStatus(string Status);

/// <summary><c>Health:TimeoutSeconds</c> (default 2): the time each readiness check gets before it counts as failed.</summary>
public sealed class HealthOptions : ISettings
{
    public static string Section => "Health";

    [PositiveDuration(300)] public double TimeoutSeconds { get; set; } = 2;
}

public static class HealthEndpoints
{
    private const string Ready = "ready";

    /// <summary>
    /// Readiness is every health check tagged <c>ready</c> (PostgreSQL here); each gets
    /// <c>Health:TimeoutSeconds</c> (default 2), so a dead database is a quick 503, not a hung probe.
    /// </summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgresql", tags: [Ready]);
        services.AddSettings<HealthOptions>();
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<HealthOptions>>((o, health) =>
        {
            var timeout = TimeSpan.FromSeconds(health.Value.TimeoutSeconds);
            foreach (var check in o.Registrations) check.Timeout = timeout;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", () => TypedResults.Ok(new HealthStatus("live"))).WithSummary("The process is up.");
        health.MapGet("/ready", CheckReady).WithSummary("PostgreSQL answers; 503 problem otherwise.")
            .Produces<HealthStatus>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> CheckReady(HealthCheckService checks, CancellationToken ct)
    {
        var report = await checks.CheckHealthAsync(c => c.Tags.Contains(Ready), ct);
        if (report.Status == CheckStatus.Healthy) return TypedResults.Ok(new HealthStatus(Ready));
        var failing = report.Entries.Where(e => e.Value.Status != CheckStatus.Healthy)
            .ToDictionary(e => e.Key, e => (object?)(e.Value.Description ?? e.Value.Status.ToString()));
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready.",
            detail: string.Join(" ", failing.Values), extensions: new Dictionary<string, object?> { ["checks"] = failing });
    }
}
