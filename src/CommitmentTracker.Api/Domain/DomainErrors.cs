namespace CommitmentTracker.Domain;

/// <summary>
/// Every refusal a slice can express, in the domain's own terms: deciders throw these and know nothing of HTTP. The
/// HTTP layer (<c>ProblemExceptionHandler</c>) and GraphQL (<c>DomainErrorInfoProvider</c>) map each to their own shape.
/// </summary>
public abstract class DomainError(string message) : Exception(message);

/// <summary>400: the request is well-formed JSON but breaks a rule about its own fields.</summary>
public sealed class ValidationFailed(IReadOnlyDictionary<string, string[]> errors)
    : DomainError("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailed Field(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>404.</summary>
public sealed class ResourceNotFound(string what, string id) : DomainError($"{what} '{id}' was not found.");

/// <summary>410: the resource existed and was withdrawn on purpose (a withdrawn document's bytes).</summary>
public sealed class Gone(string message) : DomainError(message);

/// <summary>409: the request is valid but the current state forbids it (an invariant or a duplicate); <c>errors</c> may name the fields.</summary>
public sealed class RuleConflict(string message, IReadOnlyDictionary<string, string[]>? errors = null) : DomainError(message)
{
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;
}

/// <summary>409: the client wrote against a version that is no longer current.</summary>
public sealed class StaleVersion(string streamId, long expected, long current)
    : DomainError($"'{streamId}' is at version {current}, not {expected}. Reload and retry.")
{
    public long Expected { get; } = expected;
    public long Current { get; } = current;
}

/// <summary>429: the caller has used a budget of its own (comments a minute); it may try again after <see cref="RetryAfterSeconds"/>.</summary>
public sealed class TooManyRequests(int retryAfterSeconds)
    : DomainError($"This caller has used its comment budget. Retry after {retryAfterSeconds} s.")
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}

/// <summary>403: authenticated, but the role or member scope does not allow this write.</summary>
public sealed class Forbidden(string message) : DomainError(message);
