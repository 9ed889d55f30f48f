using CommitmentTracker.Infrastructure.Marten;

namespace CommitmentTracker.Features.Commitments;

// Past-tense facts in a commitment's stream. Each names who decided it and when; Marten adds role,
// organisation and correlation id as metadata.

public sealed record CommitmentMade(
    string CommitmentId, string PlanId, string MemberCode, string DefaultLanguage,
    Dictionary<string, string> Title, Dictionary<string, string>? Description, Dictionary<string, string>? Problem,
    Dictionary<string, string>? Objective, Institution LeadInstitution, Institution[] SupportingInstitutions,
    PolicyArea[] PolicyAreas, OgpValue[] OgpValues, bool Subnational, string By, DateTimeOffset At) : IDomainEvent;

public sealed record CommitmentRevised(
    Dictionary<string, string>? Title, Dictionary<string, string>? Description, Dictionary<string, string>? Problem,
    Dictionary<string, string>? Objective, Institution? LeadInstitution, Institution[]? SupportingInstitutions,
    PolicyArea[]? PolicyAreas, OgpValue[]? OgpValues, string By, DateTimeOffset At) : IDomainEvent;

public sealed record MilestoneAdded(
    string CommitmentId, string MilestoneId, Dictionary<string, string> Title, Dictionary<string, string>? Deliverable,
    string? ResponsibleInstitution, DateOnly Start, DateOnly Due, decimal? Weight, string By, DateTimeOffset At) : IDomainEvent;

public sealed record MilestoneProgressReported(
    string CommitmentId, string MilestoneId, int Percent, MilestoneStatus Status, MilestoneStatus PreviousStatus,
    string? Note, EvidenceLink[] Evidence, string By, DateTimeOffset At) : IDomainEvent, IHasEvidence;

public sealed record MilestoneRescheduled(
    string CommitmentId, string MilestoneId, DateOnly PreviousStart, DateOnly PreviousDue, DateOnly Start, DateOnly Due,
    string Reason, string By, DateTimeOffset At) : IDomainEvent, IHasReason;

public sealed record CommitmentCompletionChanged(
    string CommitmentId, Completion Previous, Completion Completion, string Reason, EvidenceLink[] Evidence, string By, DateTimeOffset At) : IDomainEvent, IHasReason, IHasEvidence;

public sealed record CommitmentWithdrawn(string CommitmentId, Completion Previous, string Reason, string By, DateTimeOffset At) : IDomainEvent, IHasReason;
