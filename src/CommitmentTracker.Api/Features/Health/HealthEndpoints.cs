using Marten;

namespace CommitmentTracker.Features.Health;

public sealed record HealthStatus(string Status);

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", () => TypedResults.Ok(new HealthStatus("live"))).WithSummary("The process is up.");
        health.MapGet("/ready", Ready).WithSummary("PostgreSQL answers.");
        return app;
    }

    private static async Task<IResult> Ready(IDocumentStore store, CancellationToken ct)
    {
        try
        {
            await using var session = store.QuerySession();
            await session.QueryAsync<int>("select 1", ct);
            return TypedResults.Ok(new HealthStatus("ready"));
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return TypedResults.Problem(statusCode: 503, title: "PostgreSQL is not reachable.");
        }
    }
}
