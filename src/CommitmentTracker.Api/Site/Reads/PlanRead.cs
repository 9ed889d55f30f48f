using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Http;
using Marten;

namespace CommitmentTracker.Site.Reads;

public sealed record PlanMove(ActionPlanStatus From, ActionPlanStatus To, string Reason, string By, DateTimeOffset At);

public sealed record CommitmentLine(Commitment Commitment, Shown? Title, int OverdueMilestones);

public sealed record PlanView(ActionPlan Plan, Shown? Title, Member? Member, Shown? MemberName, PlanMove[] Lifecycle,
    CommitmentLine[] Commitments, long Total, DateOnly Today);

public sealed class PlanRead(IQuerySession session, CommitmentCountCache counts, TimeProvider clock)
{
    public const int MaxRows = PageRequest.MaxPageSize;

    public async Task<PlanView?> Read(string id, CommitmentFilter filter, string? sort, CancellationToken ct)
    {
        var plan = await session.LoadAsync<ActionPlan>(id.Trim().ToUpperInvariant(), ct);
        if (plan is null) return null;
        var member = await session.LoadAsync<Member>(plan.MemberCode, ct);
        var events = await session.Events.FetchStreamAsync(plan.Id, token: ct);
        var moves = events.Select(e => e.Data).OfType<ActionPlanMoved>().Select(m => new PlanMove(m.From, m.To, m.Reason, m.By, m.At)).ToArray();
        var today = clock.Today();
        var errors = new FieldErrors();
        var scoped = filter with { Plan = plan.Id, Member = null };
        var filtered = scoped.Apply(session, today, errors);
        var sorted = CommitmentFilter.Sort(filtered, sort, errors);
        errors.ThrowIfAny();
        var (items, total) = await CommitmentPage.Read(session, counts, scoped, today, filtered, sorted, sort, 0, MaxRows, ct);
        return new PlanView(plan, Shown.Of(plan.Title, plan.DefaultLanguage), member, member is null ? null : Shown.Of(member.Name, member.DefaultLanguage),
            moves, items.Select(c => new CommitmentLine(c, Shown.Of(c.Title, c.DefaultLanguage), c.Milestones.Count(m => m.IsOverdue(today)))).ToArray(),
            total, today);
    }
}
