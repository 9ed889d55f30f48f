using CommitmentTracker.Features.Commitments;

namespace CommitmentTracker.Features.Assessments;

/// <summary>A CSO's assessment: its view of completion, a comment, and evidence. Filed under the key's organisation.</summary>
public sealed record FileCsoAssessment(Completion? Completion, string? Comment, EvidenceLink[]? Evidence);

public sealed record IrmDesignInput(bool? Verifiable, bool? OpenGovernmentLens, PotentialForResults? PotentialForResults, bool? Promising, string? Comment);

public sealed record IrmResultsInput(IrmCompletion? Completion, DidItOpenGovernment? DidItOpenGovernment, string? Comment, EvidenceLink[]? Evidence);

/// <summary>The IRM's design indicators, results indicators, or both.</summary>
public sealed record RecordIrmAssessment(IrmDesignInput? Design, IrmResultsInput? Results);
