using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Caching;
using CommitmentTracker.Infrastructure.Time;
using Marten;

namespace CommitmentTracker.Site.Reads;

public sealed record DashboardView(
    CommitmentStatsRow[] ByMember, CommitmentStatsRow[] ByPlan, CommitmentStatsRow[] ByPolicyArea, CommitmentStatsRow[] ByOgpValue,
    CompletionGapView Gap, int Total, int Overdue, int Starred);

/// <summary>The dashboard: the stats of GET /api/commitments/stats and GraphQL commitmentStats, plus the completion gap.</summary>
public sealed class DashboardRead(IQuerySession session, CommitmentStatsCache stats, CompletionGapCache gap, TimeProvider clock)
{
    public async Task<DashboardView> Read(CommitmentFilter filter, CancellationToken ct)
    {
        var today = clock.Today();
        async Task<CommitmentStatsRow[]> By(StatsGroupBy g) => await stats.Get(session, g, filter, today, ct);
        var byMember = await By(StatsGroupBy.Member);
        return new DashboardView(byMember, await By(StatsGroupBy.Plan), await By(StatsGroupBy.PolicyArea), await By(StatsGroupBy.OgpValue),
            await gap.Get(session, filter, today, ct), byMember.Sum(r => r.Count), byMember.Sum(r => r.Overdue), byMember.Sum(r => r.Starred));
    }
}
