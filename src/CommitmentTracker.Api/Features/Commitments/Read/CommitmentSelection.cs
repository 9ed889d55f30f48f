using System.Runtime.CompilerServices;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events;
using Marten;
using Marten.Linq.MatchesSql;
using Npgsql;

namespace CommitmentTracker.Features.Commitments;

/// <summary>
/// The commitments an export writes (read through <see cref="CommitmentReads.Select"/>): the list's own filter
/// (<see cref="CommitmentFilter"/>), streamed from PostgreSQL row by row, never collected in memory. With <c>asOf</c>, each commitment is folded from its events up to that day's
/// end, <see cref="BatchSize"/> streams at a time, and the filter is applied to the folded states.
/// </summary>
public sealed class CommitmentSelection
{
    /// <summary>Streams folded per round trip in an asOf export: two queries (ids, then their events) per batch.</summary>
    public const int BatchSize = 500;

    private readonly IQuerySession session;
    private readonly IDocumentStore store;
    private readonly CommitmentFilter filter;
    private readonly IQueryable<Commitment> query;

    private CommitmentSelection(IQuerySession session, IDocumentStore store, CommitmentFilter filter, IQueryable<Commitment> query, DateOnly today, DateOnly? asOf)
    {
        this.session = session;
        this.store = store;
        this.filter = filter;
        this.query = query;
        Today = today;
        AsOf = asOf;
    }

    /// <summary>The day overdue is measured on: today, or the asOf date.</summary>
    public DateOnly Today { get; }

    public DateOnly? AsOf { get; }

    /// <summary>Checks the filter and sort now, so a bad one is a 400 before any byte of the file is sent.</summary>
    public static CommitmentSelection Prepare(IQuerySession session, IDocumentStore store, CommitmentFilter filter, string? sort, DateOnly today, DateOnly? asOf)
    {
        var errors = new FieldErrors();
        if (asOf is null)
        {
            var query = CommitmentFilter.Sort(filter.Apply(session, today, errors), sort, errors);
            errors.ThrowIfAny();
            return new CommitmentSelection(session, store, filter, query, today, null);
        }
        filter.Apply(session, asOf.Value, errors);
        if (sort is not (null or "id")) errors.Add("sort", "an asOf export is ordered by id.");
        errors.ThrowIfAny();
        // Member and plan never change, so they select the candidate streams; the rest is decided on the state as of then.
        var candidates = new CommitmentFilter(filter.Member, filter.Plan).Apply(session, asOf.Value, errors);
        return new CommitmentSelection(session, store, filter, candidates, asOf.Value, asOf);
    }

    public IAsyncEnumerable<Commitment> Commitments(CancellationToken ct) =>
        AsOf is { } asOf ? FoldedAsOf(asOf, ct) : query.ToAsyncEnumerable(ct);

    private async IAsyncEnumerable<Commitment> FoldedAsOf(DateOnly asOf, [EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        while (true)
        {
            var page = after is null ? query : query.Where(c => c.MatchesSql("d.id > ?", after));
            var ids = await page.OrderBy(c => c.Id).Select(c => c.Id).Take(BatchSize).ToListAsync(ct);
            if (ids.Count == 0) yield break;
            after = ids[^1];
            var events = await session.Events.QueryAllRawEvents().Where(e => ids.Contains(e.StreamKey!))
                .OrderBy(e => e.Sequence).ToListAsync(ct);
            var states = new List<Commitment>(ids.Count);
            foreach (var stream in events.GroupBy(e => e.StreamKey!).OrderBy(g => g.Key, StringComparer.Ordinal))
                if (await CommitmentHistory.FoldAsOf(session, stream.ToList(), asOf, ct) is { } state) states.Add(state);
            foreach (var state in filter.Apply(states.AsQueryable(), asOf, new FieldErrors())) yield return state;
        }
    }

    /// <summary>
    /// Every language any selected text uses, sorted: the "Title [ka]" columns a CSV export needs before its first row.
    /// One query; with asOf, over the candidates' events, since a later revision may have dropped a language.
    /// </summary>
    public async Task<string[]> Languages(CancellationToken ct)
    {
        var inner = query.ToCommand();
        var events = EventTableNames.Of(store);
        var texts = AsOf is null
            ? """
              select f.data -> 'Title' union all select f.data -> 'Description' union all select f.data -> 'Problem'
              union all select f.data -> 'Objective' union all select m -> 'Title' from jsonb_array_elements(f.data -> 'Milestones') m
              union all select m -> 'Deliverable' from jsonb_array_elements(f.data -> 'Milestones') m
              """
            : $"""
              select e.{events.DataColumn} -> x.field from {events.Table} e,
                (values ('Title'), ('Description'), ('Problem'), ('Objective'), ('Deliverable')) x(field)
              where e.{events.StreamColumn} = f.data ->> 'Id'
              """;
        var sql = $"""
            with f as ({inner.CommandText.TrimEnd(';')})
            select distinct k from f, lateral ({texts}) t(o),
              lateral jsonb_object_keys(case when jsonb_typeof(t.o) = 'object' then t.o else '{"{}"}'::jsonb end) k
            order by k
            """;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (NpgsqlParameter p in inner.Parameters) command.Parameters.Add(p.Clone());
        var languages = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) languages.Add(reader.GetString(0));
        return languages.ToArray();
    }
}
