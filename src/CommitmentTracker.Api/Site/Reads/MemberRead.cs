using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Time;
using Marten;

namespace CommitmentTracker.Site.Reads;

public sealed record PlanLine(ActionPlan Plan, Shown? Title, CommitmentStatsRow? Stats);

public sealed record MemberView(Member Member, Shown? Name, PlanLine[] Plans);

/// <summary>A member (MemberReads), its plans (ActionPlanReads) and each plan's stats (the stats of GET /api/commitments/stats).</summary>
public sealed class MemberRead(IQuerySession session, MemberReads members, ActionPlanReads plans, CommitmentStatsCache stats, TimeProvider clock)
{
    public async Task<MemberView?> Read(string code, CancellationToken ct)
    {
        var member = await members.Find(code.Trim(), ct);
        if (member is null) return null;
        var (items, _) = await plans.Newest(member.Id, null, 0, 200, ct);
        var byPlan = (await stats.Get(session, StatsGroupBy.Plan, new CommitmentFilter(Member: member.Id), clock.Today(), ct)).ToDictionary(r => r.Key);
        return new MemberView(member, Shown.Of(member.Name, member.DefaultLanguage),
            items.Select(p => new PlanLine(p, Shown.Of(p.Title, p.DefaultLanguage), byPlan.GetValueOrDefault(p.Id))).ToArray());
    }
}
