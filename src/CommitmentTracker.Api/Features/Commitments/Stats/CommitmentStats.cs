using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Infrastructure.Caching;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
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
        string Column(System.Linq.Expressions.Expression<Func<Commitment, object?>> member) => "c." + StorageNames.Column(store, member);
        var (key, names) = groupBy switch
        {
            StatsGroupBy.Member => (Column(c => c.MemberCode), null),
            StatsGroupBy.Plan => (Column(c => c.PlanId), null),
            StatsGroupBy.Completion => (Column(c => c.Completion), null),
            StatsGroupBy.IrmCompletion => ($"coalesce({Column(c => c.IrmResultsCompletion)}, 'NotAssessed')", null),
            StatsGroupBy.PolicyArea => (Column(c => c.PolicyAreaMask), Enum.GetNames<PolicyArea>()),
            _ => (Column(c => c.OgpValueMask), Enum.GetNames<OgpValue>()),
        };
        // A commitment counts once in each of its policy areas (or values): bit n of the mask is the enum's value n.
        var keyed = names is null
            ? "select b.k as key, b.* from base b"
            : $"select v.name as key, b.* from base b join (values {string.Join(", ", names.Select((n, i) => $"({i}, '{n}')"))}) as v(bit, name) on b.k & (1 << v.bit) <> 0";
        var completions = string.Join(", ", Completions.Select(c => $"coalesce(sum(n) filter (where completion = '{c}'), 0)::bigint"));
        // One statement is one snapshot: the mark describes exactly the rows aggregated (CommitmentStatsCache).
        // Materialized, it is read once; inlined, it ran once per group and the estimate invited JIT (+0.8 s at 100k).
        // The rows are first counted per (key, completion, starred, overdue), a few thousand groups at 100k commitments,
        // so the ten aggregates run over those, not over every row (by PolicyArea: 900 ms before, bench/RESULTS.md).
        string Sql(string where) => $"""
            with mark as materialized ({EventsMark.Sql(store)}),
            base as (
                select {key} as k, {Column(c => c.Completion)} as completion, {Column(c => c.Starred)} as starred,
                       coalesce({Column(c => c.EarliestOpenDue)} < :ct_today, false) as overdue,
                       count(*) as n, sum({Column(c => c.Progress)}) as p
                from {StorageNames.Table<Commitment>(store)} c
                {where}
                group by 1, 2, 3, 4),
            keyed as ({keyed})
            select mark.max_seq, mark.recent, s.* from mark left join (
                select key::text, sum(n)::int,
                       coalesce(sum(n) filter (where overdue), 0)::int,
                       coalesce(sum(n) filter (where starred), 0)::int,
                       coalesce(sum(p) / sum(n), 0)::float8,
                       {completions}
                from keyed
                group by key
            ) s on true
            order by s.key
            """;
        // Only the ids come from the list's SQL; the aggregates read the duplicated columns (EventStoreSetup), never
        // the TOASTed JSON, which made a GROUP BY over 100k commitments take seconds.
        await using var command = filter == new CommitmentFilter()
            ? new NpgsqlCommand(Sql(""))
            : CommitmentFilter.AroundIds(filtered, ids => Sql($"where c.id in ({ids})"));
        command.Parameters.AddWithValue("ct_today", today);
        if (string.IsNullOrWhiteSpace(filter.Q)) return await Read(await session.ExecuteReaderAsync(command, ct), ct);
        return await SearchPlan.Run(store, async (connection, transaction) =>
        {
            command.Connection = connection;
            command.Transaction = transaction;
            return await Read(await command.ExecuteReaderAsync(ct), ct);
        }, ct);
    }

    private static async Task<(CommitmentStatsRow[] Rows, EventsMark Mark)> Read(System.Data.Common.DbDataReader opened, CancellationToken ct)
    {
        await using var reader = opened;
        var rows = new List<CommitmentStatsRow>();
        var mark = new EventsMark(0, 0);
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
