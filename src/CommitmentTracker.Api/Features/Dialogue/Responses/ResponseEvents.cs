using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Marten;

namespace CommitmentTracker.Features.Dialogue.Responses;

/// <summary>How the government takes an assessment: it agrees, agrees in part, or disputes it (OGP's "reasoned response").</summary>
public enum ResponseStance { Accepted, PartlyAccepted, Disputed }

/// <summary>Which assessment a response answers: one CSO's, or the IRM's.</summary>
public enum AnsweredAssessment { Cso, Irm }

/// <summary>
/// The government answered an assessment, in the response stream of that assessment. <c>AssessmentVersion</c> is the
/// version of the assessment it answers (the CSO's n-th filing, the IRM's n-th verdict), so a later revision shows
/// the answer as one to an earlier version.
/// </summary>
public sealed record AssessmentAnswered(
    string ResponsesId, string CommitmentId, AnsweredAssessment Assessment, string? Organisation, long AssessmentVersion,
    ResponseStance Stance, Dictionary<string, string> Text, EvidenceLink[] Evidence, string ResponderName, string ResponderRole,
    string ResponderOrganisation, string By, DateTimeOffset At) : IDomainEvent, IHasEvidence;
