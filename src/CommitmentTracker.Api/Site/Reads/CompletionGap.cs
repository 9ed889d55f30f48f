using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using CommitmentTracker.Infrastructure.Caching;
using CommitmentTracker.Infrastructure.Time;
using Marten;
using Npgsql;

namespace CommitmentTracker.Site.Reads;

/// <summary>How many commitments the government rates at one completion while the other assessor rates them at another.</summary>
public sealed record GapCell(Completion Self, string Other, int Count);

/// <summary>
/// The gap chart's numbers: self-reported completion against the IRM's results completion, and against each CSO's latest
/// view (a commitment counts once per CSO that assessed it). Only commitments assessed by the other side count.
/// </summary>
public sealed record CompletionGapView(GapCell[] VersusIrm, GapCell[] VersusCso)
{
    /// <summary>Where the government claims more than the other side: Complete or Substantial against Limited, Not started or No evidence.</summary>
    public static bool Disagrees(Completion self, string other) =>
        Rank(self.ToString()) - Rank(other) >= 2;

    public static int Rank(string completion) => completion switch
    {
        "Complete" => 3, "Substantial" => 2, "Limited" => 1, _ => 0,
    };
}

/// <summary>The gap view through <see cref="MarkedResults{TKey,TValue}"/>: recomputed only when an event has landed.</summary>
public sealed class CompletionGapCache(IDocumentStore store, MarkedResults<CompletionGapCache.Key, CompletionGapView> results)
{
    public readonly record struct Key(string Schema, CommitmentFilter Filter, DateOnly Today);

    public Task<CompletionGapView> Get(IQuerySession session, CommitmentFilter filter, DateOnly today, CancellationToken ct) =>
        results.Get(new Key(store.Options.DatabaseSchemaName, filter, today), () => EventsMark.Read(session, store, ct),
            () => Compute(session, filter, today, ct), ct);

    private async Task<(CompletionGapView, EventsMark)> Compute(IQuerySession session, CommitmentFilter filter, DateOnly today, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filtered = filter.Apply(session, today, errors);
        errors.ThrowIfAny();
        string Column(System.Linq.Expressions.Expression<Func<Commitment, object?>> member) => "c." + StorageNames.Column(store, member);
        var (completionColumn, irmColumn) = (Column(c => c.Completion), Column(c => c.IrmResultsCompletion));
        string Sql(string where) => $"""
            with mark as materialized ({EventsMark.Sql(store)}),
            c as (select c.id, {completionColumn} as completion, {irmColumn} as irm from {StorageNames.Table<Commitment>(store)} c {where})
            select mark.max_seq, mark.recent, g.kind, g.self, g.other, g.n from mark left join (
                select 'irm' as kind, c.completion as self, c.irm as other, count(*)::int as n
                from c where c.irm is not null group by 2, 3
                union all
                select 'cso', c.completion, a.data -> 'Latest' ->> 'Completion', count(*)::int
                from c join {StorageNames.Table<CsoAssessment>(store)} a on a.data ->> 'CommitmentId' = c.id group by 2, 3
            ) g on true
            """;
        await using var command = filter == new CommitmentFilter()
            ? new NpgsqlCommand(Sql(""))
            : CommitmentFilter.AroundIds(filtered, ids => Sql($"where c.id in ({ids})"));
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        var irm = new List<GapCell>();
        var cso = new List<GapCell>();
        var mark = new EventsMark(0, 0);
        while (await reader.ReadAsync(ct))
        {
            mark = new EventsMark(reader.GetInt64(0), reader.GetInt64(1));
            if (reader.IsDBNull(2) || !Enum.TryParse<Completion>(reader.GetString(3), out var self)) continue;
            (reader.GetString(2) == "irm" ? irm : cso).Add(new GapCell(self, reader.GetString(4), reader.GetInt32(5)));
        }
        return (new CompletionGapView(irm.ToArray(), cso.ToArray()), mark);
    }
}
