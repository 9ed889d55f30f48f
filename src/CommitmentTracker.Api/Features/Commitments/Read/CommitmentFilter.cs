using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Marten.Linq.MatchesSql;
using Npgsql;

namespace CommitmentTracker.Features.Commitments;

/// <summary>The commitment filters and orderings, shared by REST and GraphQL so both mean the same thing.</summary>
public sealed record CommitmentFilter(
    string? Member = null, string? Plan = null, PolicyArea? PolicyArea = null, OgpValue? OgpValue = null,
    Completion? Completion = null, IrmCompletion? IrmCompletion = null, bool? Overdue = null, string? Q = null)
{
    public const string Sorts = "id, updatedAt, progress";

    /// <summary>The filter as SQL over the read model.</summary>
    public IQueryable<Commitment> Apply(IQuerySession session, DateOnly today, FieldErrors errors) =>
        Apply(session.Query<Commitment>(), today, errors, session.DocumentStore);

    /// <summary>Over any query; without <paramref name="store"/>, over states in memory (folded as of a date), so no SQL is used.</summary>
    public IQueryable<Commitment> Apply(IQueryable<Commitment> query, DateOnly today, FieldErrors errors, IDocumentStore? store = null)
    {
        errors.MaxLength("q", Q, 200);
        foreach (var (field, text) in new[] { ("q", Q), ("member", Member), ("plan", Plan) })
            if (text?.Contains('\0') == true) errors.Add(field, NulCharacters.Message);
        errors.Defined("policyArea", PolicyArea).Defined("ogpValue", OgpValue).Defined("completion", Completion).Defined("irmCompletion", IrmCompletion);
        if (!string.IsNullOrWhiteSpace(Member)) { var m = Member.Trim().ToUpperInvariant(); query = query.Where(c => c.MemberCode == m); }
        if (!string.IsNullOrWhiteSpace(Plan)) { var p = Plan.Trim().ToUpperInvariant(); query = query.Where(c => c.PlanId == p); }
        var inMemory = store is null;
        // In SQL the bit-mask columns answer these (EventStoreSetup), not the document's arrays.
        if (PolicyArea is { } area)
            query = inMemory ? query.Where(c => c.PolicyAreas.Contains(area)) : query.Where(c => c.MatchesSql($"d.{StorageNames.Column<Commitment>(store!, x => x.PolicyAreaMask)} & ? <> 0", 1 << (int)area));
        if (OgpValue is { } value)
            query = inMemory ? query.Where(c => c.OgpValues.Contains(value)) : query.Where(c => c.MatchesSql($"d.{StorageNames.Column<Commitment>(store!, x => x.OgpValueMask)} & ? <> 0", 1 << (int)value));
        if (Completion is { } done) query = query.Where(c => c.Completion == done);
        // Null-safe, so the same filter also runs in memory over states folded as of a date (exports with asOf).
        if (IrmCompletion is { } irm) query = query.Where(c => c.Irm != null && c.Irm.Results != null && c.Irm.Results.Completion == irm);
        if (Overdue == true) query = query.Where(c => c.EarliestOpenDue < today);
        if (Overdue == false) query = query.Where(c => c.EarliestOpenDue == null || c.EarliestOpenDue >= today);
        if (string.IsNullOrWhiteSpace(Q)) return query;
        var words = SearchWords.OfQuery(Q);
        if (words.Length == 0) return inMemory ? query.Where(c => false) : query.Where(c => c.MatchesSql("false"));
        return inMemory
            ? query.Where(c => SearchWords.Matches(c.SearchWords(), words))
            : query.Where(c => c.MatchesSql($"d.id in ({CommitmentSearch.Matching(store!)})", SearchWords.TsQuery(words)));
    }

    /// <summary>SQL that reads the ids this filter's query matches as a subquery, with the query's parameters.</summary>
    public static NpgsqlCommand AroundIds(IQueryable<Commitment> filtered, Func<string, string> sql)
    {
        var ids = filtered.Select(c => c.Id).ToCommand();
        var command = new NpgsqlCommand(sql(ids.CommandText.TrimEnd(';')));
        foreach (NpgsqlParameter p in ids.Parameters) command.Parameters.Add(p.Clone());
        return command;
    }

    public static IQueryable<Commitment> Sort(IQueryable<Commitment> query, string? sort, FieldErrors errors) => (sort ?? "id") switch
    {
        "id" => query.OrderBy(c => c.Id),
        "-id" => query.OrderByDescending(c => c.Id),
        "updatedAt" => query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
        "-updatedAt" => query.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id),
        "progress" => query.OrderBy(c => c.Progress).ThenBy(c => c.Id),
        "-progress" => query.OrderByDescending(c => c.Progress).ThenBy(c => c.Id),
        _ => errors.InvalidSort(query, Sorts),
    };
}
