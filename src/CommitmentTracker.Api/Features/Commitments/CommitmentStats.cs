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
/// generates for the list (its ids), so a stat and a list never disagree about what matches. Read through
/// <see cref="CommitmentStatsCache"/>.
/// </summary>
public static class CommitmentStats
{
    private static readonly Completion[] Completions = Enum.GetValues<Completion>();

    public static async Task<(CommitmentStatsRow[] Rows, EventsMark Mark)> Compute(IQuerySession session, IDocumentStore store, StatsGroupBy groupBy, CommitmentFilter filter, DateOnly today, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filtered = filter.Apply(session, today, errors);
        errors.ThrowIfAny();
        // Only the ids come from the list's SQL; the aggregates read the duplicated columns (EventStoreSetup), never
        // the TOASTed JSON, which made a GROUP BY over 100k commitments take seconds.
        var inner = filter == new CommitmentFilter() ? null : filtered.Select(c => c.Id).ToCommand();
        var key = groupBy switch
        {
            StatsGroupBy.Member => "select c.member_code",
            StatsGroupBy.Plan => "select c.plan_id",
            StatsGroupBy.Completion => "select c.completion",
            StatsGroupBy.IrmCompletion => "select coalesce(c.irm_results_completion, 'NotAssessed')",
            StatsGroupBy.PolicyArea => "select unnest(c.policy_area_names)",
            _ => "select unnest(c.ogp_value_names)",
        };
        var completions = string.Join(", ", Completions.Select(c => $"count(*) filter (where c.completion = '{c}')"));
        // One statement is one snapshot: the mark describes exactly the rows aggregated (CommitmentStatsCache).
        // Materialized, it is read once; inlined, it ran once per group and the estimate invited JIT (+0.8 s at 100k).
        var sql = $"""
            with mark as materialized ({EventsMark.Sql(store)})
            select mark.max_seq, mark.recent, s.* from mark left join (
                select g.key, count(*)::int,
                       count(*) filter (where c.earliest_open_due < :ct_today)::int,
                       count(*) filter (where c.starred)::int,
                       coalesce(avg(c.progress), 0)::float8,
                       {completions}
                from {store.Options.DatabaseSchemaName}.mt_doc_commitment c, lateral ({key}) as g(key)
                {(inner is null ? "" : $"where c.id in ({inner.CommandText.TrimEnd(';')})")}
                group by g.key
            ) s on true
            order by s.key
            """;
        await using var command = new NpgsqlCommand(sql);
        if (inner is not null)
            foreach (NpgsqlParameter p in inner.Parameters) command.Parameters.Add(p.Clone());
        command.Parameters.AddWithValue("ct_today", today);
        var rows = new List<CommitmentStatsRow>();
        var mark = new EventsMark(0, 0);
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            mark = new EventsMark(reader.GetInt64(0), reader.GetInt64(1));
            if (reader.IsDBNull(2)) continue; // no group matched: the mark alone
            rows.Add(new CommitmentStatsRow(reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5),
                Math.Round(reader.GetDouble(6), 1),
                Completions.Select((c, i) => new CompletionCount(c, (int)reader.GetInt64(7 + i))).ToArray()));
        }
        return (rows.ToArray(), mark);
    }
}
