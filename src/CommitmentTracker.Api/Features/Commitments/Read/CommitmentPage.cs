using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Npgsql;

namespace CommitmentTracker.Features.Commitments;

/// <summary>
/// One page of a commitment list and its total, as REST and GraphQL read them.
/// <para>
/// The total is counted apart from the page: Marten's <c>count(*) over()</c> would make PostgreSQL join every match before
/// the page's limit (seconds for a word in half of 100k commitments). A search by <c>q</c> alone is counted from the
/// search rows. Totals are reused while no event lands (<see cref="CommitmentCountCache"/>): the pages of one list share
/// their total, and a common word costs 30 ms to count at 100k commitments. A search's page, in id order, is cut from the sorted ids of its matches before any commitment is read, unless
/// the word is common: matches of a Georgian word all sit among the GE ids, far down the id order that the planner's
/// page would otherwise walk, testing each row's words on the way.
/// </para>
/// </summary>
public static class CommitmentPage
{
    /// <summary>Matches above which a search page walks the id order (measured at 100k commitments: bench/RESULTS.md).</summary>
    public const int CommonWord = 20_000;

    public static async Task<(IReadOnlyList<Commitment> Items, long Total)> Read(
        IQuerySession session, CommitmentCountCache counts, CommitmentFilter filter, DateOnly today, IQueryable<Commitment> filtered,
        IQueryable<Commitment> sorted, string? sort, int offset, int size, CancellationToken ct)
    {
        // Without q the planner needs no help: Marten counts and pages on the request's own session.
        if (string.IsNullOrWhiteSpace(filter.Q))
            return (await sorted.Skip(offset).Take(size).ToListAsync(ct), await counts.Get(session, filter, today, () => filtered.LongCountAsync(ct), ct));
        var words = SearchWords.OfQuery(filter.Q);
        var tsQuery = SearchWords.TsQuery(words);
        var searchOnly = words.Length > 0 && filter with { Q = null } == new CommitmentFilter();
        var store = session.DocumentStore;
        var total = await counts.Get(session, filter, today, () => SearchPlan.Run(store, (connection, transaction) => searchOnly
            ? Scalar(connection, transaction, $"select count(*) from ({CommitmentSearch.Matching(store, "$1")}) as s", tsQuery, ct)
            : Count(connection, transaction, filtered, ct), ct), ct);
        // A word this common is met within the first rows of the id order, so the planner's walk down that order is
        // fastest; fewer matches may sit anywhere in it, so their ids are sorted and cut from the index instead.
        if (searchOnly && total <= CommonWord && sort is null or "id" or "-id")
            return (await SearchPlan.Run(store, (connection, transaction) =>
                SearchPage(store, connection, transaction, tsQuery, sort == "-id" ? "desc" : "asc", offset, size, ct), ct), total);
        return (await sorted.Skip(offset).Take(size).ToListAsync(ct), total);
    }

    private static async Task<long> Count(NpgsqlConnection connection, NpgsqlTransaction transaction, IQueryable<Commitment> filtered, CancellationToken ct)
    {
        await using var command = CommitmentFilter.AroundIds(filtered, ids => $"select count(*) from ({ids}) as matches");
        command.Connection = connection;
        command.Transaction = transaction;
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<List<Commitment>> SearchPage(
        IDocumentStore store, NpgsqlConnection connection, NpgsqlTransaction transaction, string tsQuery, string direction, int offset, int size, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select d.data, d.{StorageNames.Revision<Commitment>(store)} from {StorageNames.Table<Commitment>(store)} as d
            where d.id = any(array({CommitmentSearch.Matching(store, "$1")} order by s.id {direction} offset $2 limit $3))
            order by d.id {direction}
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tsQuery });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        command.Parameters.Add(new NpgsqlParameter { Value = size });
        var serializer = store.Options.Serializer();
        var items = new List<Commitment>(size);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var commitment = serializer.FromJson<Commitment>(reader, 0);
            commitment.Version = (int)reader.GetInt64(1);
            items.Add(commitment);
        }
        return items;
    }

    private static async Task<long> Scalar(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string parameter, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
