using CommitmentTracker.Infrastructure.Marten;

namespace CommitmentTracker.Features.Documents;

/// <summary>A file was added to the plan's repository; its bytes were stored (by SHA-256) in the same transaction.</summary>
public sealed record DocumentUploaded(
    string PlanId, string DocumentId, string Sha256, string FileName, string ContentType, long Length, string? Title, string By, DateTimeOffset At)
    : IDomainEvent;

/// <summary>A document was withdrawn: the event that added it stays, its bytes are no longer served.</summary>
public sealed record DocumentWithdrawn(string PlanId, string DocumentId, string Reason, string By, DateTimeOffset At) : IDomainEvent, IHasReason;
