namespace CommitmentTracker.Features.Commitments;

// What clients send. Every field is nullable so that the decider can name each missing one.

/// <summary>Make a commitment in a plan. <c>id</c> (like GE0066) is assigned when omitted.</summary>
public sealed record MakeCommitment(
    string? Id, Dictionary<string, string>? Title, Dictionary<string, string>? Description, Dictionary<string, string>? Problem,
    Dictionary<string, string>? Objective, Institution? LeadInstitution, Institution[]? SupportingInstitutions,
    PolicyArea[]? PolicyAreas, OgpValue[]? OgpValues, bool? Subnational);

/// <summary>Revise a commitment's details; omitted fields stay as they are.</summary>
public sealed record ReviseCommitment(
    Dictionary<string, string>? Title, Dictionary<string, string>? Description, Dictionary<string, string>? Problem,
    Dictionary<string, string>? Objective, Institution? LeadInstitution, Institution[]? SupportingInstitutions,
    PolicyArea[]? PolicyAreas, OgpValue[]? OgpValues);

/// <summary>Add a milestone. <c>weight</c> counts in the commitment's progress when every milestone has one.</summary>
public sealed record AddMilestone(
    Dictionary<string, string>? Title, Dictionary<string, string>? Deliverable, string? ResponsibleInstitution,
    DateOnly? Start, DateOnly? Due, decimal? Weight);

/// <summary>
/// Report progress on a milestone: 0..100. Without <c>status</c>, 100 means Met; otherwise Scheduled until the due date,
/// then PartiallyMet (some progress) or NotMet.
/// </summary>
public sealed record ReportMilestoneProgress(int? Percent, MilestoneStatus? Status, string? Note, EvidenceLink[]? Evidence);

/// <summary>Move a milestone's dates; the old dates stay in the history.</summary>
public sealed record RescheduleMilestone(DateOnly? Start, DateOnly? Due, string? Reason);

/// <summary>The government's self-assessed completion.</summary>
public sealed record ChangeCompletion(Completion? Completion, string? Reason, EvidenceLink[]? Evidence);

/// <summary>Withdraw the commitment. Every later write is refused.</summary>
public sealed record WithdrawCommitment(string? Reason);
