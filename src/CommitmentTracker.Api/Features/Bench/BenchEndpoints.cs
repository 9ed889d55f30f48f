using CommitmentTracker.Infrastructure.Configuration;
using Marten;
using Npgsql;

namespace CommitmentTracker.Features.Bench;

/// <summary><c>Bench:BareEndpoint</c> (default false): serve the benchmark's floors (<see cref="BenchEndpoints"/>).</summary>
public sealed class BenchOptions : ISettings
{
    public static string Section => "Bench";

    public bool BareEndpoint { get; set; }
}

public static class BenchEndpoints
{
    /// <summary>
    /// With <c>Bench:BareEndpoint=true</c> only, the benchmark's floors for what this host serves with no work behind it:
    /// <c>GET /bench/bare</c> returns a constant; <c>GET /bench/bare-db</c> adds one <c>select 1</c> round trip on the
    /// request's Marten session; <c>POST /bench/bare-insert</c> runs pgbench's single-row insert (bench/pgbench-insert.sql)
    /// into <c>bench_baseline</c>, which the benchmark creates.
    /// </summary>
    public static IServiceCollection AddBench(this IServiceCollection services) => services.AddSettings<BenchOptions>().Services;

    public static IEndpointRouteBuilder MapBench(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<BenchOptions>().BareEndpoint) return app;
        app.MapGet("/bench/bare", () => TypedResults.Ok(new { ok = true })).ExcludeFromDescription();
        app.MapGet("/bench/bare-db", async (IQuerySession session, CancellationToken ct) =>
            TypedResults.Ok(new { ok = (await session.QueryAsync<int>("select 1", ct))[0] == 1 })).ExcludeFromDescription();
        app.MapPost("/bench/bare-insert", async (IDocumentStore store, CancellationToken ct) =>
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var insert = new NpgsqlCommand(
                "insert into public.bench_baseline (stream_id, data) values ('C' || $1, jsonb_build_object('percent', $2, 'note', 'bench report'))", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = Random.Shared.Next(1, 100_001) });
            insert.Parameters.Add(new NpgsqlParameter { Value = Random.Shared.Next(1, 100) });
            await insert.ExecuteNonQueryAsync(ct);
            return TypedResults.Ok(new { ok = true });
        }).ExcludeFromDescription();
        return app;
    }
}
