using CommitmentTracker.Infrastructure.Caching;
using Marten;

namespace CommitmentTracker.Features.Commitments;

/// <summary>Dashboard stats through <see cref="MarkedResults{TKey,TValue}"/>: a repeated dashboard costs one index lookup while no event lands.</summary>
public sealed class CommitmentStatsCache(IDocumentStore store, MarkedResults<CommitmentStatsCache.Key, CommitmentStatsRow[]> results)
{
    public readonly record struct Key(string Schema, StatsGroupBy GroupBy, CommitmentFilter Filter, DateOnly Today);

    public Task<CommitmentStatsRow[]> Get(IQuerySession session, StatsGroupBy groupBy, CommitmentFilter filter, DateOnly today, CancellationToken ct) =>
        results.Get(new Key(store.Options.DatabaseSchemaName, groupBy, filter, today), () => EventsMark.Read(session, store, ct),
            () => CommitmentStats.Compute(session, store, groupBy, filter, today, ct), ct);
}

/// <summary>List totals through <see cref="MarkedResults{TKey,TValue}"/>: every page of a list, and every repeat of a search, counts once.</summary>
public sealed class CommitmentCountCache(IDocumentStore store, MarkedResults<CommitmentCountCache.Key, long> results)
{
    public readonly record struct Key(string Schema, CommitmentFilter Filter, DateOnly Today);

    public Task<long> Get(IQuerySession session, CommitmentFilter filter, DateOnly today, Func<Task<long>> count, CancellationToken ct) =>
        results.Get(new Key(store.Options.DatabaseSchemaName, filter, today), () => EventsMark.Read(session, store, ct), count, ct);
}

public static class CommitmentStatsSetup
{
    public static IServiceCollection AddCommitmentStats(this IServiceCollection services)
    {
        services.AddResultCache();
        services.AddSingleton<CommitmentStatsCache>();
        return services.AddSingleton<CommitmentCountCache>();
    }
}
