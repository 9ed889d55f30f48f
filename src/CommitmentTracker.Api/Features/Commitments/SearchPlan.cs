namespace CommitmentTracker.Features.Commitments;

/// <summary>
/// PostgreSQL's planner does not price reading a search row's words out of line (TOAST), so for a common word it
/// prefers scanning all of them (500 ms at 100k) to the full-text index (20 ms). Counts and stats with <c>q</c> run in a
/// transaction that takes this setting first. Lists of one page need no help: they stop at the page's end.
/// </summary>
public static class SearchPlan
{
    public const string UseIndexes = "set local enable_seqscan = off";
}
