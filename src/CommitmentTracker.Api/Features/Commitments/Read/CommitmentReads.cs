using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Dialogue;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Time;
using System.Runtime.CompilerServices;
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
/// IAsyncEnumerable&lt;CommitmentView&gt; Views(CommitmentSelection selection, IReadOnlyList&lt;string&gt; lang, CancellationToken ct)
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
            return state is null ? null : View(state, day, asOf, await Related([key], ct), lang);
        }
        // The commitment, its CSO views and its dialogue in one round trip: the most frequent read of the API.
        var batch = session.CreateBatchQuery();
        var loaded = batch.Load<Commitment>(key);
        var related = Related(batch, [key]);
        await batch.Execute(ct);
        return await loaded is { } commitment ? View(commitment, Today, null, await related(), lang) : null;
    }

    public async Task<CommitmentView> Get(string id, DateOnly? asOf, IReadOnlyList<string> lang, CancellationToken ct) =>
        await Find(id, asOf, lang, ct)
        ?? throw new ResourceNotFound(asOf is { } d ? $"Commitment as of {d:yyyy-MM-dd}" : "Commitment", id);

    public async Task<CommitmentView> View(Commitment state, IReadOnlyList<string> lang, CancellationToken ct) =>
        View(state, Today, null, await Related([state.Id], ct), lang);

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

    /// <summary>Every event about the commitment, from its own stream, its CSO assessment streams and its dialogue streams, in global order.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> History(string id, CancellationToken ct)
    {
        var key = id.ToUpperInvariant();
        var streams = await session.Query<CsoAssessment>().Where(a => a.CommitmentId == key).Select(a => a.Id).ToListAsync(ct);
        var events = await Events([key, .. streams, .. await DialogueStreams.Of(session, [key], ct)], ct);
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

    /// <summary>
    /// The selection's commitments as whole views (CSO views and dialogue, judged on the selection's day), streamed: the
    /// related documents of <see cref="CommitmentSelection.BatchSize"/> commitments are read in one round trip.
    /// </summary>
    public async IAsyncEnumerable<CommitmentView> Views(CommitmentSelection selection, IReadOnlyList<string> lang, [EnumeratorCancellation] CancellationToken ct)
    {
        // The selection holds this session's connection open while it streams; the related reads need their own.
        await using var side = session.DocumentStore.QuerySession();
        var states = new List<Commitment>(CommitmentSelection.BatchSize);
        await foreach (var state in selection.Commitments(ct))
        {
            states.Add(state);
            if (states.Count < CommitmentSelection.BatchSize) continue;
            foreach (var view in await ViewsOf(side, states, selection, lang, ct)) yield return view;
            states.Clear();
        }
        foreach (var view in await ViewsOf(side, states, selection, lang, ct)) yield return view;
    }

    private static async Task<IReadOnlyList<CommitmentView>> ViewsOf(
        IQuerySession side, List<Commitment> states, CommitmentSelection selection, IReadOnlyList<string> lang, CancellationToken ct)
    {
        if (states.Count == 0) return [];
        var documents = await Related(side, states.Select(c => c.Id).ToArray(), ct);
        return states.Select(c => View(c, selection.Today, selection.AsOf, documents, lang)).ToList();
    }

    private async Task<IReadOnlyList<HistoryEntry>> Events(string[] streams, CancellationToken ct)
    {
        var events = await session.Events.QueryAllRawEvents().Where(e => streams.Contains(e.StreamKey!)).OrderBy(e => e.Sequence).ToListAsync(ct);
        return events.Select(CommitmentHistory.Entry).ToList();
    }

    private async Task<IReadOnlyList<CommitmentView>> Views(IReadOnlyList<Commitment> states, IReadOnlyList<string> lang, CancellationToken ct)
    {
        if (states.Count == 0) return [];
        var related = await Related(states.Select(c => c.Id).ToArray(), ct);
        return states.Select(c => View(c, Today, null, related, lang)).ToList();
    }

    /// <summary>What a commitment's view reads besides the commitment: its CSO assessment streams and its dialogue documents.</summary>
    private sealed record RelatedDocuments(ILookup<string, CsoAssessment> Cso, DialogueDocuments Dialogue);

    /// <summary>The related documents of some commitments in one round trip (four queries in a batch).</summary>
    private Task<RelatedDocuments> Related(IReadOnlyCollection<string> commitmentIds, CancellationToken ct) => Related(session, commitmentIds, ct);

    private static async Task<RelatedDocuments> Related(IQuerySession reader, IReadOnlyCollection<string> commitmentIds, CancellationToken ct)
    {
        var batch = reader.CreateBatchQuery();
        var related = Related(batch, commitmentIds);
        await batch.Execute(ct);
        return await related();
    }

    private static Func<Task<RelatedDocuments>> Related(Marten.Services.BatchQuerying.IBatchedQuery batch, IReadOnlyCollection<string> commitmentIds)
    {
        var cso = batch.Query<CsoAssessment>().Where(a => commitmentIds.Contains(a.CommitmentId)).OrderBy(a => a.Organisation).ToList();
        var dialogue = DialogueDocuments.In(batch, commitmentIds);
        return async () => new RelatedDocuments((await cso).ToLookup(a => a.CommitmentId), await dialogue());
    }

    private static CommitmentView View(Commitment state, DateOnly day, DateOnly? asOf, RelatedDocuments related, IReadOnlyList<string> lang)
    {
        var streams = related.Cso[state.Id].ToArray();
        var cutoff = asOf is { } d ? BusinessDay.EndOf(d) : DateTimeOffset.MaxValue;
        var docs = related.Dialogue.For(state.Id);
        var dialogue = CommitmentDialogue.Of(state, docs, cutoff, lang);
        var cso = CommitmentDialogue.Answered(streams.Select(s => s.ViewBefore(cutoff)).OfType<CsoView>().ToArray(), state, docs, cutoff, lang);
        return new CommitmentView(state, day, asOf, cso, [state.Id, .. streams.Select(s => s.Id), .. dialogue.Streams], lang, dialogue);
    }
}
