using CommitmentTracker.Infrastructure.Http;
using GraphQL;
using GraphQL.Execution;

namespace CommitmentTracker.Infrastructure.GraphQL;

/// <summary>Domain refusals inside resolvers become GraphQL errors with the same words and field errors as REST.</summary>
public sealed class DomainErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeExceptionDetails = false })
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError.InnerException is not DomainError domain) return info;
        var problem = ProblemExceptionHandler.ToProblem(domain);
        var extensions = new Dictionary<string, object?>(info.Extensions ?? new Dictionary<string, object?>())
        {
            ["code"] = problem.Status switch { 400 => "BAD_USER_INPUT", 403 => "FORBIDDEN", 404 => "NOT_FOUND", _ => "CONFLICT" },
            ["status"] = problem.Status,
        };
        if (domain is ValidationFailed v) extensions["errors"] = v.Errors;
        return new ErrorInfo { Message = domain.Message, Extensions = extensions };
    }
}
