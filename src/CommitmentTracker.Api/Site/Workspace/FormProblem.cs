using CommitmentTracker.Infrastructure.Http;

namespace CommitmentTracker.Site.Workspace;

/// <summary>
/// What a form's write answered when it did not land: the status and the field errors of the problem the API answers for
/// the same request (the same names: <c>percent</c>, <c>evidence[0].url</c>), and, for a stale version, the current one.
/// </summary>
public sealed record FormProblem(int Status, string? Detail, IReadOnlyDictionary<string, string[]> Errors, long? CurrentVersion)
{
    public bool Stale => CurrentVersion is not null;
    public bool Forbidden => Status == StatusCodes.Status403Forbidden;

    /// <summary>The messages for <paramref name="field"/> and for the parts of it (<c>title.ka</c> belongs to <c>title</c>).</summary>
    public string[] For(string field) => Errors
        .Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase) || e.Key.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase))
        .SelectMany(e => e.Value).ToArray();

    /// <summary>A refusal without field errors (a rule, 429), its detail as the message of <paramref name="field"/>; conflicts and refusals of the person stay as they are.</summary>
    public FormProblem Beside(string field) => Errors.Count == 0 && !Stale && !Forbidden && Detail is { } detail
        ? this with { Errors = new Dictionary<string, string[]> { [field] = [detail] } }
        : this;

    public static FormProblem? From(Exception e)
    {
        var problem = ProblemExceptionHandler.ToProblem(e);
        if (problem.Status is not { } status || status >= 500) return null;
        IReadOnlyDictionary<string, string[]> errors = problem is HttpValidationProblemDetails v ? v.Errors.AsReadOnly() : new Dictionary<string, string[]>();
        return new FormProblem(status, problem.Detail, errors, (e as StaleVersion)?.Current);
    }
}
