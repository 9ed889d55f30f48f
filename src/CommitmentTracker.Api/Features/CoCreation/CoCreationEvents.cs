using CommitmentTracker.Features.Documents;
using CommitmentTracker.Infrastructure.Marten;

namespace CommitmentTracker.Features.CoCreation;

/// <summary>The plan's level of public influence and whether a multi-stakeholder forum exists were recorded (or corrected).</summary>
public sealed record CoCreationLevelRecorded(string PlanId, InfluenceLevel InfluenceLevel, bool ForumExists, string Reason, string By, DateTimeOffset At)
    : IDomainEvent, IHasReason;

/// <summary>A forum meeting took place: its date, who came by sector, and its minutes.</summary>
public sealed record ForumMeetingRecorded(
    string PlanId, string MeetingId, DateOnly Date, Participants Participants, LinkOrDocument Minutes, string Reason, string By, DateTimeOffset At)
    : IDomainEvent, IHasReason;

/// <summary>The government published its reasoned response: how the public's input was taken into account.</summary>
public sealed record ReasonedResponsePublished(string PlanId, LinkOrDocument Response, string Reason, string By, DateTimeOffset At)
    : IDomainEvent, IHasReason;
