using CommitmentTracker.Domain;

namespace CommitmentTracker.Infrastructure.Http;

/// <summary>409 with Retry-After: an earlier request with the same idempotency key has not finished.</summary>
public sealed class StillProcessing(string message) : DomainError(message);

/// <summary>409 without Retry-After: an earlier request with the same idempotency key was applied, its response is lost.</summary>
public sealed class AlreadyApplied(string message) : DomainError(message);

/// <summary>422: the request is well-formed but cannot be honoured as sent (a reused idempotency key).</summary>
public sealed class UnprocessableRequest(string field, string message) : DomainError(message)
{
    public string Field { get; } = field;
}
