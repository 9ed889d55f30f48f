using CommitmentTracker.Infrastructure.Marten;

namespace CommitmentTracker.Features.Members;

public enum MemberKind { National, Local }

/// <summary>OGP's procedural standing of a member: <c>UnderReview</c> and <c>Inactive</c> follow OGP's procedural review.</summary>
public enum MemberStatus { Active, UnderReview, Inactive }

/// <summary>A national or local government joined the tracker.</summary>
public sealed record MemberRegistered(
    string Code, MemberKind Kind, Dictionary<string, string> Name, string Region, string DefaultLanguage,
    string By, DateTimeOffset At) : IDomainEvent;

/// <summary>The member's name changed (all its translations at once).</summary>
public sealed record MemberRenamed(string Code, Dictionary<string, string> From, Dictionary<string, string> To, string Reason, string By, DateTimeOffset At)
    : IDomainEvent, IHasReason;

/// <summary>The member's procedural standing changed.</summary>
public sealed record MemberStatusChanged(string Code, MemberStatus From, MemberStatus To, string Reason, string By, DateTimeOffset At)
    : IDomainEvent, IHasReason;
