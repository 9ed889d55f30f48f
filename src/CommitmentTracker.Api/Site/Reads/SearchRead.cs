using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Http;
using Marten;

namespace CommitmentTracker.Site.Reads;

public sealed record SearchView(CommitmentLine[] Items, long Total, int Page, int PageSize, string[] Words);

/// <summary>The list of GET /api/commitments: the same filter, sort and paging code.</summary>
public sealed class SearchRead(IQuerySession session, CommitmentCountCache counts, TimeProvider clock)
{
    public const int PageSize = 20;

    public async Task<SearchView> Read(CommitmentFilter filter, string? sort, int page, CancellationToken ct)
    {
        var today = clock.Today();
        var errors = new FieldErrors();
        var filtered = filter.Apply(session, today, errors);
        var sorted = CommitmentFilter.Sort(filtered, sort, errors);
        errors.ThrowIfAny();
        var (items, total) = await CommitmentPage.Read(session, counts, filter, today, filtered, sorted, sort, (page - 1) * PageSize, PageSize, ct);
        return new SearchView(items.Select(c => new CommitmentLine(c, Shown.Of(c.Title, c.DefaultLanguage), c.Milestones.Count(m => m.IsOverdue(today)))).ToArray(),
            total, page, PageSize, SearchWords.OfQuery(filter.Q));
    }
}
