using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Marten;

namespace CommitmentTracker.Features.MilestoneAssessments;

/// <summary>A CSO's view of one milestone (OCDS status, comment, evidence), in that CSO's stream for the milestone.</summary>
public sealed record CsoMilestoneAssessed(
    string AssessmentId, string CommitmentId, string MilestoneId, string Organisation, MilestoneStatus Status, string Comment,
    EvidenceLink[] Evidence, string By, DateTimeOffset At) : IDomainEvent, IHasEvidence;
