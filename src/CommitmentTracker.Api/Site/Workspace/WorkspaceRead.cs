using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Site.Reads;

namespace CommitmentTracker.Site.Workspace;

/// <summary>
/// The commitments a person's workspace lists, through the one <see cref="CommitmentReads"/>: a PoC's members' own (and
/// their plans); for a CSO, an admin or the IRM, every commitment (the first <see cref="Size"/> by id).
/// </summary>
public sealed class WorkspaceRead(CommitmentReads commitments, ActionPlanReads plans)
{
    public const int Size = 100;

    public async Task<IReadOnlyList<CommitmentView>> Commitments(Actor actor, CancellationToken ct)
    {
        if (actor.Role != Roles.Poc)
            return (await commitments.List(new CommitmentFilter(), "id", 0, Size, SiteReads.Lang, ct)).Items;
        var mine = new List<CommitmentView>();
        foreach (var member in actor.Members)
            mine.AddRange((await commitments.List(new CommitmentFilter(Member: member), "id", 0, Size, SiteReads.Lang, ct)).Items);
        return mine;
    }

    /// <summary>The plans whose commitments the person writes: a PoC's members' (newest first), for an admin every plan.</summary>
    public async Task<IReadOnlyList<ActionPlan>> Plans(Actor actor, CancellationToken ct)
    {
        if (!WritesPlans(actor)) return [];
        if (actor.IsAdmin) return (await plans.Newest(null, null, 0, Size, ct)).Items;
        var mine = new List<ActionPlan>();
        foreach (var member in actor.Members) mine.AddRange((await plans.Newest(member, null, 0, Size, ct)).Items);
        return mine;
    }

    /// <summary>The organisation's own assessment among a commitment's CSO views, if it filed one.</summary>
    public static CsoView? OwnAssessment(CommitmentView view, Actor actor) =>
        view.Cso.FirstOrDefault(c => string.Equals(c.Organisation, actor.Organisation, StringComparison.OrdinalIgnoreCase));

    public static bool WritesPlans(Actor actor) => actor.Role is Roles.Poc or Roles.Admin;
    public static bool Assesses(Actor actor) => actor.Role == Roles.Cso;
    public static bool RecordsIndicators(Actor actor) => actor.Role == Roles.Irm;
}
