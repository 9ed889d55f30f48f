using Marten;

namespace CommitmentTracker.Features.ActionPlans;

public static class PlanLock
{
    /// <summary>
    /// Loads a plan for a write that depends on its status (adding a commitment or a milestone), share-locking its row
    /// until the write commits. A plan move updates that row, so it waits for such writes, and a write that starts
    /// after a move reads the moved plan: the check and the append cannot straddle a status change.
    /// </summary>
    public static async Task<ActionPlan> LoadPlanLockedAsync(this IDocumentSession session, string planId, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var plans = await session.QueryAsync<ActionPlan>("where id = ? for share", ct, planId);
        return plans.SingleOrDefault() ?? throw new ResourceNotFound("Action plan", planId);
    }
}
