using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Time;
using Marten;

namespace CommitmentTracker.Features.Commitments;

/// <summary>
/// The one read of commitments' public state: REST, GraphQL, the export and the site (in-process) all read here, so they
/// judge a commitment on the same day and show the same CSO views. A scoped service; <c>lang</c> is the requested
/// languages, best first (REST: <c>LocalizedText.RequestedLanguages</c>; GraphQL passes none and resolves per field).
/// <code>
/// DateOnly Today                                  // by the app's one clock
/// Task&lt;CommitmentView?&gt; Find(string id, DateOnly? asOf, IReadOnlyList&lt;string&gt; lang, CancellationToken ct)
/// Task&lt;CommitmentView&gt;  Get(string id, DateOnly? asOf, IReadOnlyList&lt;string&gt; lang, CancellationToken ct)   // else ResourceNotFound (404)
/// Task&lt;CommitmentView&gt;  View(Commitment state, IReadOnlyList&lt;string&gt; lang, CancellationToken ct)         // a state just written, today
/// Task&lt;CommitmentList&gt;  List(CommitmentFilter filter, string? sort, int offset, int size, IReadOnlyList&lt;string&gt; lang,
///                            CancellationToken ct, FieldErrors? errors = null)     // bad filter/sort: ValidationFailed (400)
/// Task&lt;ILookup&lt;string, CommitmentView&gt;&gt; OfPlans(IReadOnlyCollection&lt;string&gt; planIds, IReadOnlyList&lt;string&gt; lang, CancellationToken ct)
/// Task&lt;IReadOnlyList&lt;HistoryEntry&gt;&gt; History(string id, CancellationToken ct)                    // else ResourceNotFound (404)
/// Task&lt;ILookup&lt;string, HistoryEntry&gt;&gt; Histories(IReadOnlyCollection&lt;CommitmentView&gt; views, CancellationToken ct)
/// CommitmentSelection Select(CommitmentFilter filter, string? sort, DateOnly? asOf)  // streamed, for exports
/// </code>
/// Sorts are <see cref="CommitmentFilter.Sorts"/>. A list reads its CSO views in one query for the whole page.
/// </summary>
public sealed class CommitmentReads(IQuerySession session, TimeProvider clock, CommitmentCountCache counts)
{
    public DateOnly Today { get; } = clock.Today();

    /// <summary>One commitment; with <paramref name="asOf"/>, folded as of the end of that day and judged on it. Null when there is none (yet).</summary>
    public async Task<CommitmentView?> Find(string id, DateOnly? asOf, IReadOnlyList<string> lang, CancellationToken ct)
    {
        var key = id.ToUpperInvariant();
        if (asOf is { } day)
        {
            var state = await CommitmentHistory.FoldAsOf(session, await session.Events.FetchStreamAsync(key, token: ct), day, ct);
            return state is null ? null : View(state, day, asOf, await CsoStreams([key], ct), lang);
        }
        // The commitment and its CSO views in one round trip: the most frequent read of the API.
        var batch = session.CreateBatchQuery();
        var loaded = batch.Load<Commitment>(key);
        var streams = batch.Query<CsoAssessment>().Where(a => a.CommitmentId == key).OrderBy(a => a.Organisation).ToList();
        await batch.Execute(ct);
        return await loaded is { } commitment ? View(commitment, Today, null, (await streams).ToLookup(s => s.CommitmentId), lang) : null;
    }

    public async Task<CommitmentView> Get(string id, DateOnly? asOf, IReadOnlyList<string> lang, CancellationToken ct) =>
        await Find(id, asOf, lang, ct)
        ?? throw new ResourceNotFound(asOf is { } d ? $"Commitment as of {d:yyyy-MM-dd}" : "Commitment", id);

    public async Task<CommitmentView> View(Commitment state, IReadOnlyList<string> lang, CancellationToken ct) =>
        View(state, Today, null, await CsoStreams([state.Id], ct), lang);

    /// <summary>One page of the filtered, sorted list and its total, each item with its CSO views (one query for the page).</summary>
    public async Task<CommitmentList> List(
        CommitmentFilter filter, string? sort, int offset, int size, IReadOnlyList<string> lang, CancellationToken ct, FieldErrors? errors = null)
    {
        errors ??= new FieldErrors();
        var filtered = filter.Apply(session, Today, errors);
        var sorted = CommitmentFilter.Sort(filtered, sort, errors);
        errors.ThrowIfAny();
        var (items, total) = await CommitmentPage.Read(session, counts, filter, Today, filtered, sorted, sort, offset, size, ct);
        return new CommitmentList(await Views(items, lang, ct), total, Today);
    }

    /// <summary>The commitments of each plan, by id, with their CSO views: two queries for any number of plans.</summary>
    public async Task<ILookup<string, CommitmentView>> OfPlans(IReadOnlyCollection<string> planIds, IReadOnlyList<string> lang, CancellationToken ct)
    {
        var commitments = await session.Query<Commitment>().Where(c => planIds.Contains(c.PlanId)).OrderBy(c => c.Id).ToListAsync(ct);
        return (await Views(commitments, lang, ct)).ToLookup(v => v.State.PlanId);
    }

    /// <summary>Every event about the commitment, from its own stream and its CSO assessment streams, in global order.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> History(string id, CancellationToken ct)
    {
        var key = id.ToUpperInvariant();
        var streams = await session.Query<CsoAssessment>().Where(a => a.CommitmentId == key).Select(a => a.Id).ToListAsync(ct);
        var events = await Events([key, .. streams], ct);
        return events.Count == 0 || events[0].Stream != key ? throw new ResourceNotFound("Commitment", id) : events;
    }

    /// <summary>The histories of several commitments in one query, from the streams their views list.</summary>
    public async Task<ILookup<string, HistoryEntry>> Histories(IReadOnlyCollection<CommitmentView> views, CancellationToken ct)
    {
        var owner = views.SelectMany(v => v.Streams.Select(s => (Stream: s, v.State.Id))).ToDictionary(p => p.Stream, p => p.Id);
        return (await Events(owner.Keys.ToArray(), ct)).ToLookup(e => owner[e.Stream]);
    }

    /// <summary>The filtered commitments streamed row by row (or folded as of a date), for exports; checks filter and sort now.</summary>
    public CommitmentSelection Select(CommitmentFilter filter, string? sort, DateOnly? asOf) =>
        CommitmentSelection.Prepare(session, session.DocumentStore, filter, sort, Today, asOf);

    private async Task<IReadOnlyList<HistoryEntry>> Events(string[] streams, CancellationToken ct)
    {
        var events = await session.Events.QueryAllRawEvents().Where(e => streams.Contains(e.StreamKey!)).OrderBy(e => e.Sequence).ToListAsync(ct);
        return events.Select(CommitmentHistory.Entry).ToList();
    }

    private async Task<IReadOnlyList<CommitmentView>> Views(IReadOnlyList<Commitment> states, IReadOnlyList<string> lang, CancellationToken ct)
    {
        if (states.Count == 0) return [];
        var cso = await CsoStreams(states.Select(c => c.Id).ToArray(), ct);
        return states.Select(c => View(c, Today, null, cso, lang)).ToList();
    }

    private async Task<ILookup<string, CsoAssessment>> CsoStreams(IReadOnlyCollection<string> commitmentIds, CancellationToken ct) =>
        (await session.Query<CsoAssessment>().Where(a => commitmentIds.Contains(a.CommitmentId)).OrderBy(a => a.Organisation).ToListAsync(ct))
        .ToLookup(a => a.CommitmentId);

    private static CommitmentView View(Commitment state, DateOnly day, DateOnly? asOf, ILookup<string, CsoAssessment> cso, IReadOnlyList<string> lang)
    {
        var streams = cso[state.Id].ToArray();
        var cutoff = asOf is { } d ? BusinessDay.EndOf(d) : DateTimeOffset.MaxValue;
        return new CommitmentView(state, day, asOf, streams.Select(s => s.ViewBefore(cutoff)).OfType<CsoView>().ToArray(),
            [state.Id, .. streams.Select(s => s.Id)], lang);
    }
}
