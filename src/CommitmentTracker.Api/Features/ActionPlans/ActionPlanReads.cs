using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Http;
using Marten;
using Marten.Linq;

namespace CommitmentTracker.Features.ActionPlans;

/// <summary>
/// The one read of action plans, for REST, GraphQL and the site (in-process). A scoped service; <c>lang</c> is the
/// requested languages, best first. A plan's commitments are read through <c>CommitmentReads.OfPlans</c>.
/// <code>
/// Task&lt;ActionPlan?&gt; Find(string id, CancellationToken ct)
/// Task&lt;IReadOnlyList&lt;HistoryEntry&gt;&gt; History(string id, CancellationToken ct)   // else ResourceNotFound (404)
/// Task&lt;ActionPlanResponse&gt; Get(string id, IReadOnlyList&lt;string&gt; lang, CancellationToken ct)   // else ResourceNotFound (404)
/// Task&lt;Page&lt;ActionPlanResponse&gt;&gt; List(string? member, ActionPlanStatus? status, string? sort, PageRequest paging,
///                                    IReadOnlyList&lt;string&gt; lang, CancellationToken ct, FieldErrors? errors = null)
/// Task&lt;(IReadOnlyList&lt;ActionPlan&gt; Items, long Total)&gt; Newest(string? member, ActionPlanStatus? status, int offset, int size, CancellationToken ct)
/// </code>
/// Sorts: start, sequence, member, optionally prefixed with '-' (default -start); a bad status or sort is ValidationFailed (400).
/// <c>Newest</c> orders by member, then newest plan first.
/// </summary>
public sealed class ActionPlanReads(IQuerySession session)
{
    public async Task<ActionPlan?> Find(string id, CancellationToken ct) => await session.LoadAsync<ActionPlan>(id.ToUpperInvariant(), ct);

    /// <summary>Every event of the plan's stream (lifecycle, revisions, co-creation, documents), with who and why.</summary>
    public Task<IReadOnlyList<HistoryEntry>> History(string id, CancellationToken ct) => StreamHistory.Read(session, "Action plan", id, ct);

    public async Task<ActionPlanResponse> Get(string id, IReadOnlyList<string> lang, CancellationToken ct) =>
        ActionPlanResponse.From(await Find(id, ct) ?? throw new ResourceNotFound("Action plan", id), lang);

    /// <summary>As <see cref="Get(string, IReadOnlyList{string}, CancellationToken)"/>; with <paramref name="asOf"/>, folded from its events as of the end of that day (by their effective dates).</summary>
    public async Task<ActionPlan> Find(string id, DateOnly? asOf, CancellationToken ct) => asOf is { } day
        ? await StreamHistory.AsOf<ActionPlan>(session, "Action plan", id, day, (p, v) => p.Version = v, ct)
        : await Find(id, ct) ?? throw new ResourceNotFound("Action plan", id);

    public async Task<Page<ActionPlanResponse>> List(
        string? member, ActionPlanStatus? status, string? sort, PageRequest paging, IReadOnlyList<string> lang, CancellationToken ct, FieldErrors? errors = null)
    {
        errors ??= new FieldErrors();
        errors.Defined("status", status);
        var query = Filter(member, status, out var stats);
        query = (sort ?? "-start") switch
        {
            "start" => query.OrderBy(p => p.Period.Start).ThenBy(p => p.Id),
            "-start" => query.OrderByDescending(p => p.Period.Start).ThenBy(p => p.Id),
            "sequence" => query.OrderBy(p => p.Sequence).ThenBy(p => p.Id),
            "-sequence" => query.OrderByDescending(p => p.Sequence).ThenBy(p => p.Id),
            "member" => query.OrderBy(p => p.MemberCode).ThenBy(p => p.Sequence),
            "-member" => query.OrderByDescending(p => p.MemberCode).ThenBy(p => p.Sequence),
            _ => errors.InvalidSort(query, "start, sequence, member"),
        };
        errors.ThrowIfAny();
        return await query.ToPageAsync(stats, paging, p => ActionPlanResponse.From(p, lang), ct);
    }

    public async Task<(IReadOnlyList<ActionPlan> Items, long Total)> Newest(string? member, ActionPlanStatus? status, int offset, int size, CancellationToken ct)
    {
        var items = await Filter(member, status, out var stats).OrderBy(p => p.MemberCode).ThenByDescending(p => p.Sequence)
            .Skip(offset).Take(size).ToListAsync(ct);
        return (items, stats.TotalResults);
    }

    private IQueryable<ActionPlan> Filter(string? member, ActionPlanStatus? status, out QueryStatistics stats)
    {
        IQueryable<ActionPlan> query = session.Query<ActionPlan>().Stats(out stats);
        if (!string.IsNullOrWhiteSpace(member))
        {
            var code = member.Trim().ToUpperInvariant();
            query = query.Where(p => p.MemberCode == code);
        }
        if (status is { } s) query = query.Where(p => p.Status == s);
        return query;
    }
}
