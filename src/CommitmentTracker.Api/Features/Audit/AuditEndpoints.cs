using System.Text.Json;
using CommitmentTracker.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;

namespace CommitmentTracker.Features.Audit;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", Read).WithTags("Audit").RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Every stored event with its actor, role, organisation, correlation and request ids (admin).")
            .WithDescription("`actor` is a key id (`key:…`) or a JWT subject (`jwt:…`); `from`/`to` bound the stored timestamp (to is exclusive).")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        return app;
    }

    private static async Task<Ok<AuditPage>> Read([AsParameters] AuditQuery query, Actor actor, IDocumentStore store, CancellationToken ct)
    {
        actor.EnsureAdmin();
        query = query.Validated();
        var schema = store.Options.Events.DatabaseSchemaName;
        var sql = $"""
            select seq_id, stream_id, type, version, timestamp, headers, correlation_id, data
            from {schema}.mt_events
            where seq_id > @after and type <> 'tombstone'
              and (@actor is null or headers ->> 'actor' = @actor)
              and (@from is null or timestamp >= @from)
              and (@to is null or timestamp < @to)
            order by seq_id
            limit @take
            """;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("after", query.After ?? 0);
        command.Parameters.Add(new NpgsqlParameter("actor", NpgsqlDbType.Text) { Value = (object?)query.Actor ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = (object?)query.From?.UtcDateTime ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = (object?)query.To?.UtcDateTime ?? DBNull.Value });
        command.Parameters.AddWithValue("take", query.Take);

        var items = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var headers = reader.IsDBNull(5) ? new Dictionary<string, string?>()
                : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(reader.GetString(5))!
                    .ToDictionary(h => h.Key, h => h.Value.ValueKind == JsonValueKind.String ? h.Value.GetString() : h.Value.ToString());
            items.Add(new AuditEntry(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                headers.GetValueOrDefault("actor"), headers.GetValueOrDefault("actorName"), headers.GetValueOrDefault("role"),
                headers.GetValueOrDefault("organisation"), reader.IsDBNull(6) ? null : reader.GetString(6),
                headers.GetValueOrDefault("requestId"),
                JsonDocument.Parse(reader.GetString(7)).RootElement.Clone()));
        }
        return TypedResults.Ok(new AuditPage(items, items.Count == query.Take ? items[^1].Sequence : null));
    }
}
