namespace CommitmentTracker.Features.Assessments;

// The IRM's scales, word for word.

public enum PotentialForResults { Unclear, Modest, Substantial }

public enum IrmCompletion { NoEvidence, NotStarted, Limited, Substantial, Complete }

/// <summary>Early results: did it open government?</summary>
public enum DidItOpenGovernment { Worsened, DidNotChange, Marginal, Major, Outstanding }
