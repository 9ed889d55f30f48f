using GraphQL;
using System.Text;
using CommitmentTracker.Infrastructure.Http;
using GraphQL.Builders;
using GraphQL.Types.Relay.DataObjects;
using Marten;
using Marten.Linq;

namespace CommitmentTracker.Infrastructure.GraphQL;

/// <summary>Relay connections over an ordered list: opaque cursors, a page-size cap, totalCount.</summary>
public static class Connections
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = PageRequest.MaxPageSize;

    /// <summary>Reads <c>first</c> and <c>after</c>, recording bad values as field errors.</summary>
    public static (int Offset, int Size) Window(IResolveConnectionContext ctx, FieldErrors errors)
    {
        var size = ctx.GetArgument<int?>("first") ?? DefaultPageSize; // not ctx.First: that is the argument's absolute value
        if (size is < 0 or > MaxPageSize) errors.Add("first", $"must be between 0 and {MaxPageSize}.");
        return (ctx.After is { } after ? Offset(after, errors) + 1 : 0, size);
    }

    public static async Task<Connection<T>> PageAsync<T>(IQueryable<T> ordered, QueryStatistics stats, (int Offset, int Size) window, CancellationToken ct)
        where T : notnull
    {
        var items = await ordered.Skip(window.Offset).Take(window.Size).ToListAsync(ct);
        return Build(items, window.Offset, stats.TotalResults);
    }

    /// <summary>A page that was read elsewhere, with its total.</summary>
    public static Connection<T> Of<T>(IReadOnlyList<T> items, (int Offset, int Size) window, long total) => Build(items, window.Offset, total);

    public static Connection<T> InMemory<T>(IReadOnlyList<T> all, (int Offset, int Size) window) =>
        Build(all.Skip(window.Offset).Take(window.Size).ToList(), window.Offset, all.Count);

    private static Connection<T> Build<T>(IReadOnlyList<T> items, int offset, long total)
    {
        var edges = items.Select((item, i) => new Edge<T> { Node = item, Cursor = Cursor(offset + i) }).ToList();
        return new Connection<T>
        {
            Edges = edges,
            TotalCount = (int)total,
            PageInfo = new PageInfo
            {
                HasPreviousPage = offset > 0,
                HasNextPage = offset + items.Count < total,
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
            },
        };
    }

    private static string Cursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{offset}"));

    private static int Offset(string cursor, FieldErrors errors)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text[2..], out var offset) && offset is >= 0 and <= PageRequest.MaxOffset) return offset;
        }
        catch (FormatException) { }
        errors.Add("after", "is not a cursor this API returned.");
        return 0;
    }
}
