using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Http;
using Marten;

namespace CommitmentTracker.Site.Reads;

public sealed record PlanMove(ActionPlanStatus From, ActionPlanStatus To, string Reason, string By, DateTimeOffset At);

public sealed record PlanView(ActionPlan Plan, Shown? Title, Member? Member, Shown? MemberName, PlanMove[] Lifecycle,
    CommitmentLine[] Commitments, long Total);

/// <summary>A plan (ActionPlanReads), its lifecycle from its own stream, and its commitments as the list reads them (CommitmentReads).</summary>
public sealed class PlanRead(IQuerySession session, ActionPlanReads plans, MemberReads members, CommitmentReads commitments)
{
    public const int MaxRows = PageRequest.MaxPageSize;

    public async Task<PlanView?> Read(string id, CommitmentFilter filter, string? sort, CancellationToken ct)
    {
        var plan = await plans.Find(id.Trim(), ct);
        if (plan is null) return null;
        var member = await members.Find(plan.MemberCode, ct);
        var events = await session.Events.FetchStreamAsync(plan.Id, token: ct);
        var moves = events.Select(e => e.Data).OfType<ActionPlanMoved>().Select(m => new PlanMove(m.From, m.To, m.Reason, m.By, m.At)).ToArray();
        var list = await commitments.List(filter with { Plan = plan.Id, Member = null }, sort, 0, MaxRows, SiteReads.Lang, ct);
        return new PlanView(plan, Shown.Of(plan.Title, plan.DefaultLanguage), member, member is null ? null : Shown.Of(member.Name, member.DefaultLanguage),
            moves, list.Items.Select(CommitmentLine.Of).ToArray(), list.Total);
    }
}
