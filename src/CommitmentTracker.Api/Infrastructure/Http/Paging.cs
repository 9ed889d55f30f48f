using Marten;
using Marten.Linq;

namespace CommitmentTracker.Infrastructure.Http;

/// <summary>One page of a list. Every list endpoint answers in this shape.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long TotalCount);

public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 200;

    /// <summary>The deepest row a page may start at, so that offset arithmetic (and PostgreSQL's OFFSET) never overflows an int.</summary>
    public const int MaxOffset = int.MaxValue - MaxPageSize - 1;

    public int Skip => (Page - 1) * PageSize;

    public static PageRequest From(int? page, int? pageSize, FieldErrors errors)
    {
        var p = page ?? 1;
        var size = pageSize ?? 50;
        if (p < 1) errors.Add("page", "must be 1 or more.");
        if (size is < 1 or > MaxPageSize) errors.Add("pageSize", $"must be between 1 and {MaxPageSize}.");
        else if (p >= 1 && (long)(p - 1) * size > MaxOffset)
            errors.Add("page", $"must be at most {MaxOffset / size + 1} with pageSize {size} (a page past the last one is empty).");
        return errors.Any ? new PageRequest(1, 1) : new PageRequest(p, size);
    }
}

public static class Paging
{
    /// <summary>Runs the query for one page; <paramref name="stats"/> must come from <c>Stats()</c> on the same query.</summary>
    public static async Task<Page<TOut>> ToPageAsync<T, TOut>(
        this IQueryable<T> query, QueryStatistics stats, PageRequest paging, Func<T, TOut> map, CancellationToken ct) where T : notnull
    {
        var items = await query.Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new Page<TOut>(items.Select(map).ToList(), paging.Page, paging.PageSize, stats.TotalResults);
    }

    /// <summary>Records an unknown <c>sort</c> value and leaves the query as it is (the errors throw before it runs).</summary>
    public static IQueryable<T> InvalidSort<T>(this FieldErrors errors, IQueryable<T> query, string allowed)
    {
        errors.Add("sort", $"must be one of {allowed}, optionally prefixed with '-'.");
        return query;
    }
}
