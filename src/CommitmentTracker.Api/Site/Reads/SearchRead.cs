using CommitmentTracker.Features.Commitments;

namespace CommitmentTracker.Site.Reads;

/// <summary>A commitment as a row of a table.</summary>
public sealed record CommitmentLine(CommitmentView View, Shown? Title)
{
    public Commitment Commitment => View.State;
    public int OverdueMilestones => View.OverdueMilestones;

    public static CommitmentLine Of(CommitmentView v) => new(v, Shown.Of(v.State.Title, v.State.DefaultLanguage));
}

public sealed record SearchView(CommitmentLine[] Items, long Total, int Page, int PageSize, string[] Words);

/// <summary>The list of GET /api/commitments, through <see cref="CommitmentReads"/>: the same filter, sort and paging.</summary>
public sealed class SearchRead(CommitmentReads commitments)
{
    public const int PageSize = 20;

    public async Task<SearchView> Read(CommitmentFilter filter, string? sort, int page, CancellationToken ct)
    {
        var list = await commitments.List(filter, sort, (page - 1) * PageSize, PageSize, SiteReads.Lang, ct);
        return new SearchView(list.Items.Select(CommitmentLine.Of).ToArray(), list.Total, page, PageSize, SearchWords.OfQuery(filter.Q));
    }
}
