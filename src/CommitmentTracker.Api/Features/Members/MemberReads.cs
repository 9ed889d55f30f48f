using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Http;
using Marten;
using Marten.Linq;

namespace CommitmentTracker.Features.Members;

/// <summary>
/// The one read of members, for REST, GraphQL and the site (in-process). A scoped service; <c>lang</c> is the requested
/// languages, best first.
/// <code>
/// Task&lt;Member?&gt; Find(string code, CancellationToken ct)
/// Task&lt;MemberResponse&gt; Get(string code, IReadOnlyList&lt;string&gt; lang, CancellationToken ct)      // else ResourceNotFound (404)
/// Task&lt;IReadOnlyList&lt;HistoryEntry&gt;&gt; History(string code, CancellationToken ct)                        // else ResourceNotFound (404)
/// Task&lt;IReadOnlyList&lt;Member&gt;&gt; All(CancellationToken ct)                                      // by code
/// Task&lt;Page&lt;MemberResponse&gt;&gt; List(MemberKind? kind, string? region, string? sort, PageRequest paging,
///                                IReadOnlyList&lt;string&gt; lang, CancellationToken ct, FieldErrors? errors = null)
/// </code>
/// Sorts: code, region, registeredAt, optionally prefixed with '-'; a bad kind or sort is ValidationFailed (400).
/// </summary>
public sealed class MemberReads(IQuerySession session)
{
    public async Task<Member?> Find(string code, CancellationToken ct) => await session.LoadAsync<Member>(code.ToUpperInvariant(), ct);

    public async Task<MemberResponse> Get(string code, IReadOnlyList<string> lang, CancellationToken ct) =>
        MemberResponse.From(await Find(code, ct) ?? throw new ResourceNotFound("Member", code), lang);

    /// <summary>Every event of the member's stream (registered, renamed, status changed), with who and why.</summary>
    public Task<IReadOnlyList<HistoryEntry>> History(string code, CancellationToken ct) => StreamHistory.Read(session, "Member", code, ct);

    /// <summary>The member; with <paramref name="asOf"/>, folded from its events as of the end of that day (by their effective dates).</summary>
    public async Task<Member> Find(string code, DateOnly? asOf, CancellationToken ct) => asOf is { } day
        ? await StreamHistory.AsOf<Member>(session, "Member", code, day, (m, v) => m.Version = v, ct)
        : await Find(code, ct) ?? throw new ResourceNotFound("Member", code);

    public async Task<IReadOnlyList<Member>> All(CancellationToken ct) => await session.Query<Member>().OrderBy(m => m.Id).ToListAsync(ct);

    public async Task<Page<MemberResponse>> List(
        MemberKind? kind, string? region, string? sort, PageRequest paging, IReadOnlyList<string> lang, CancellationToken ct, FieldErrors? errors = null)
    {
        errors ??= new FieldErrors();
        errors.Defined("kind", kind);
        IQueryable<Member> query = session.Query<Member>().Stats(out var stats);
        if (kind is { } k) query = query.Where(m => m.Kind == k);
        if (!string.IsNullOrWhiteSpace(region)) query = query.Where(m => m.Region == region);
        query = (sort ?? "code") switch
        {
            "code" => query.OrderBy(m => m.Id),
            "-code" => query.OrderByDescending(m => m.Id),
            "region" => query.OrderBy(m => m.Region).ThenBy(m => m.Id),
            "-region" => query.OrderByDescending(m => m.Region).ThenBy(m => m.Id),
            "registeredAt" => query.OrderBy(m => m.RegisteredAt).ThenBy(m => m.Id),
            "-registeredAt" => query.OrderByDescending(m => m.RegisteredAt).ThenBy(m => m.Id),
            _ => errors.InvalidSort(query, "code, region, registeredAt"),
        };
        errors.ThrowIfAny();
        return await query.ToPageAsync(stats, paging, m => MemberResponse.From(m, lang), ct);
    }
}
