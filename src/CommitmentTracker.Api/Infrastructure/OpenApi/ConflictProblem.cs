namespace CommitmentTracker.Infrastructure.OpenApi;

/// <summary>
/// The 409 body, for the document only (ProblemExceptionHandler writes it): a stale If-Match carries
/// <c>currentVersion</c> and <c>expectedVersion</c>; a rule the request breaks may name fields in <c>errors</c>.
/// </summary>
public sealed record ConflictProblem(
    string? Type, string? Title, int Status, string? Detail, string? Instance, string? TraceId,
    long? CurrentVersion, long? ExpectedVersion, IDictionary<string, string[]>? Errors);
