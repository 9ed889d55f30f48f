using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Marten;

namespace CommitmentTracker.Features.Assessments;

/// <summary>A CSO's independent view of a commitment, in that CSO's own stream.</summary>
public sealed record CsoAssessmentFiled(
    string AssessmentId, string CommitmentId, string Organisation, Completion Completion, string Comment,
    EvidenceLink[] Evidence, string By, DateTimeOffset At) : IDomainEvent, IHasEvidence;

/// <summary>The IRM assessed the commitment's design (at the start of the plan).</summary>
public sealed record IrmDesignAssessed(
    string CommitmentId, bool Verifiable, bool OpenGovernmentLens, PotentialForResults PotentialForResults, bool Promising,
    string? Comment, string By, DateTimeOffset At) : IDomainEvent;

/// <summary>The IRM assessed the commitment's results (at the end of the plan).</summary>
public sealed record IrmResultsAssessed(
    string CommitmentId, IrmCompletion Completion, DidItOpenGovernment DidItOpenGovernment, string? Comment,
    EvidenceLink[] Evidence, string By, DateTimeOffset At) : IDomainEvent, IHasEvidence
{
    string IHasEvidence.EvidenceField => "results.evidence";
}
