using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events.Projections;
using Marten;

namespace CommitmentTracker.Features.ActionPlans;

/// <summary>The plan snapshot, kept inline with its events; lists filter by member.</summary>
public sealed class ActionPlanStorage : IStorageSlice
{
    public void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<ActionPlan>(SnapshotLifecycle.Inline);
        options.Schema.For<ActionPlan>().Index(p => p.MemberCode);
    }
}
