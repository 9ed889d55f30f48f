using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommitmentTracker.Features.Health;

/// <summary>PostgreSQL answers a query through the event store's own connection pool.</summary>
public sealed class PostgresHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        try
        {
            // Opening a connection to a server that accepts but never answers ignores the token until Npgsql's own
            // connect timeout (15 s), so stop waiting at the check's timeout and let that attempt finish on its own.
            await Query(ct).WaitAsync(ct);
            return HealthCheckResult.Healthy();
        }
        // Marten wraps a refused connection in its own exception, whose message (driver text, host, port) must not reach
        // an anonymous caller: every failure reads the same.
        catch (Exception e) when (e is Npgsql.NpgsqlException or global::Marten.Exceptions.MartenCommandException or TimeoutException or InvalidOperationException or IOException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable.", e);
        }
    }

    private async Task Query(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        await session.QueryAsync<int>("select 1", ct);
    }
}
