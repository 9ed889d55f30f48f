using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using Marten;

namespace CommitmentTracker.Site.Reads;

public sealed record PlanLine(ActionPlan Plan, Shown? Title, CommitmentStatsRow? Stats);

public sealed record MemberView(Member Member, Shown? Name, PlanLine[] Plans);

public sealed class MemberRead(IQuerySession session, CommitmentStatsCache stats, TimeProvider clock)
{
    public async Task<MemberView?> Read(string code, CancellationToken ct)
    {
        var member = await session.LoadAsync<Member>(code.Trim().ToUpperInvariant(), ct);
        if (member is null) return null;
        var plans = await session.Query<ActionPlan>().Where(p => p.MemberCode == member.Id).OrderByDescending(p => p.Sequence).ToListAsync(ct);
        var byPlan = (await stats.Get(session, StatsGroupBy.Plan, new CommitmentFilter(Member: member.Id), clock.Today(), ct)).ToDictionary(r => r.Key);
        return new MemberView(member, Shown.Of(member.Name, member.DefaultLanguage),
            plans.Select(p => new PlanLine(p, Shown.Of(p.Title, p.DefaultLanguage), byPlan.GetValueOrDefault(p.Id))).ToArray());
    }
}
