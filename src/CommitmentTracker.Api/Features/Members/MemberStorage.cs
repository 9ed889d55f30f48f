using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events.Projections;
using Marten;

namespace CommitmentTracker.Features.Members;

/// <summary>The member snapshot, kept inline with its events.</summary>
public sealed class MemberStorage : IStorageSlice
{
    public void Configure(StoreOptions options) => options.Projections.Snapshot<Member>(SnapshotLifecycle.Inline);
}
