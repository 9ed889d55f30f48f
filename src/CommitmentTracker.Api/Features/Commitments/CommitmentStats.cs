using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Infrastructure.Http;
using Marten;
using Npgsql;

namespace CommitmentTracker.Features.Commitments;

public enum StatsGroupBy { Member, Plan, PolicyArea, OgpValue, Completion, IrmCompletion }

public sealed record CompletionCount(Completion Completion, int Count);

/// <summary>One group of a dashboard: how many, how complete, how late, how far along.</summary>
public sealed record CommitmentStatsRow(string Key, int Count, int Overdue, int Starred, double MeanProgress, CompletionCount[] Completion);

/// <summary>
/// Dashboard aggregates, computed by PostgreSQL over the inline read model. The filter is the very SQL Marten
/// generates for the list, wrapped in a GROUP BY, so a stat and a list never disagree about what matches.
/// </summary>
public static class CommitmentStats
{
    private static readonly Completion[] Completions = Enum.GetValues<Completion>();

    public static async Task<CommitmentStatsRow[]> Compute(IQuerySession session, IDocumentStore store, StatsGroupBy groupBy, CommitmentFilter filter, DateOnly today, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filtered = filter.Apply(session.Query<Commitment>(), today, errors);
        errors.ThrowIfAny();
        var inner = filtered.ToCommand();
        var key = groupBy switch
        {
            StatsGroupBy.Member => "select f.data ->> 'MemberCode'",
            StatsGroupBy.Plan => "select f.data ->> 'PlanId'",
            StatsGroupBy.Completion => "select f.data ->> 'Completion'",
            StatsGroupBy.IrmCompletion => "select coalesce(f.data -> 'Irm' -> 'Results' ->> 'Completion', 'NotAssessed')",
            StatsGroupBy.PolicyArea => "select jsonb_array_elements_text(f.data -> 'PolicyAreas')",
            _ => "select jsonb_array_elements_text(f.data -> 'OgpValues')",
        };
        var completions = string.Join(", ", Completions.Select(c => $"count(*) filter (where f.data ->> 'Completion' = '{c}')"));
        var sql = $"""
            with f as ({inner.CommandText.TrimEnd(';')})
            select g.key, count(*)::int,
                   count(*) filter (where (f.data ->> 'EarliestOpenDue')::date < :ct_today)::int,
                   count(*) filter (where (f.data -> 'Irm' -> 'Design' ->> 'Verifiable')::boolean
                                      and (f.data -> 'Irm' -> 'Design' ->> 'OpenGovernmentLens')::boolean
                                      and f.data -> 'Irm' -> 'Design' ->> 'PotentialForResults' = 'Substantial'
                                      and f.data -> 'Irm' -> 'Results' ->> 'Completion' in ('Substantial', 'Complete'))::int,
                   coalesce(avg((f.data ->> 'Progress')::numeric), 0)::float8,
                   {completions}
            from f, lateral ({key}) as g(key)
            group by g.key
            order by g.key
            """;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (NpgsqlParameter p in inner.Parameters) command.Parameters.Add(p.Clone());
        command.Parameters.AddWithValue("ct_today", today);
        var rows = new List<CommitmentStatsRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new CommitmentStatsRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3),
                Math.Round(reader.GetDouble(4), 1),
                Completions.Select((c, i) => new CompletionCount(c, (int)reader.GetInt64(5 + i))).ToArray()));
        return rows.ToArray();
    }
}
