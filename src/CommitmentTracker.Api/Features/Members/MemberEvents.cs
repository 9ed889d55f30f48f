using CommitmentTracker.Infrastructure.Marten;

namespace CommitmentTracker.Features.Members;

public enum MemberKind { National, Local }

/// <summary>A national or local government joined the tracker.</summary>
public sealed record MemberRegistered(
    string Code, MemberKind Kind, Dictionary<string, string> Name, string Region, string DefaultLanguage,
    string By, DateTimeOffset At) : IDomainEvent;
