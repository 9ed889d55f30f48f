using CommitmentTracker.Features.Dialogue.Comments;
using CommitmentTracker.Features.Dialogue.Responses;
using CommitmentTracker.Features.MilestoneAssessments;
using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events.Projections;
using Marten;

namespace CommitmentTracker.Features.Dialogue;

/// <summary>The dialogue's read models, each an inline snapshot of its own streams, found by commitment.</summary>
public sealed class DialogueStorage : IStorageSlice
{
    public void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<Comment>(SnapshotLifecycle.Inline);
        options.Schema.For<Comment>().Index(c => c.CommitmentId);
        options.Projections.Snapshot<AssessmentResponses>(SnapshotLifecycle.Inline);
        options.Schema.For<AssessmentResponses>().Index(r => r.CommitmentId);
        options.Projections.Snapshot<CsoMilestoneAssessment>(SnapshotLifecycle.Inline);
        options.Schema.For<CsoMilestoneAssessment>().Index(a => a.CommitmentId);
    }
}
