using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events.Projections;
using Marten;

namespace CommitmentTracker.Features.Assessments;

/// <summary>One CSO assessment stream per commitment and organisation, read by commitment.</summary>
public sealed class AssessmentStorage : IStorageSlice
{
    public void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<CsoAssessment>(SnapshotLifecycle.Inline);
        options.Schema.For<CsoAssessment>().Index(a => a.CommitmentId);
    }
}
