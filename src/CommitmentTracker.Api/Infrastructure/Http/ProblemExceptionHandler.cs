using System.Text.Json;
using System.Text.RegularExpressions;
using JasperFx;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace CommitmentTracker.Infrastructure.Http;

/// <summary>The single place where failures become RFC 9457 problem responses.</summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = ToProblem(exception, clientClosed: http.RequestAborted.IsCancellationRequested);
        if (problem.Status >= 500) log.LogError(exception, "Unhandled failure on {Path}", http.Request.Path);
        http.Response.StatusCode = problem.Status!.Value;
        await http.ReapplyCors();
        if (problem.Status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = "2";
        if (exception is StillProcessing) http.Response.Headers.RetryAfter = "1";
        if (exception is TooManyRequests many) http.Response.Headers.RetryAfter = many.RetryAfterSeconds.ToString();
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary><paramref name="clientClosed"/>: the request was aborted, so a cancellation is the client's, not ours.</summary>
    internal static ProblemDetails ToProblem(Exception exception, bool clientClosed = false) => exception switch
    {
        ValidationFailed v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
            { Status = 400, Title = "The request is invalid.", Detail = v.Message },
        BadHttpRequestException { InnerException: JsonException json } => InvalidJson(json),
        BadHttpRequestException bad when BindFailure().Match(bad.Message) is { Success: true } m =>
            Invalid(JsonNamingPolicy.CamelCase.ConvertName(m.Groups["name"].Value), BindingErrors.ForQueryType(m.Groups["type"].Value.Trim(), m.Groups["value"].Value)),
        BadHttpRequestException bad when MissingBody().IsMatch(bad.Message) => Invalid("body", BindingErrors.Body),
        BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request is invalid.", Detail = bad.Message },
        ResourceNotFound n => new ProblemDetails { Status = 404, Title = "Not found.", Detail = n.Message },
        Gone g => new ProblemDetails { Status = 410, Title = "Withdrawn.", Detail = g.Message },
        StaleVersion s => new ProblemDetails
        {
            Status = 409, Title = "The resource has changed.", Detail = s.Message,
            Extensions = { ["currentVersion"] = s.Current, ["expectedVersion"] = s.Expected },
        },
        UnprocessableRequest u => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [u.Field] = [u.Message] })
            { Status = 422, Title = "The request cannot be processed as sent." },
        AlreadyApplied a => new ProblemDetails { Status = 409, Title = "Already applied.", Detail = a.Message },
        StillProcessing p => new ProblemDetails { Status = 409, Title = "The same request is still being processed.", Detail = p.Message },
        RuleConflict { Errors: { } fields } c => new HttpValidationProblemDetails(fields.ToDictionary(e => e.Key, e => e.Value))
            { Status = 409, Title = "The request conflicts with the current state.", Detail = c.Message },
        RuleConflict c => new ProblemDetails { Status = 409, Title = "The request conflicts with the current state.", Detail = c.Message },
        global::Marten.Exceptions.ExistingStreamIdCollisionException e => AlreadyExists(e.Id),
        ExistingStreamIdCollisionException e => AlreadyExists(e.Id),
        ConcurrencyException => new ProblemDetails { Status = 409, Title = "The resource has changed.", Detail = "Another write landed first. Reload and retry." },
        Forbidden f => new ProblemDetails { Status = 403, Title = "Forbidden.", Detail = f.Message },
        TooManyRequests t => new ProblemDetails
            { Status = 429, Title = "Too many requests.", Detail = t.Message, Extensions = { ["retryAfterSeconds"] = t.RetryAfterSeconds } },
        _ when DatabaseUnavailable(exception) => new ProblemDetails
            { Status = 503, Title = "The database is unavailable.", Detail = "Try again shortly." },
        OperationCanceledException when clientClosed => new ProblemDetails { Status = 499, Title = "The client closed the request." },
        // Cancelled while the client still waits: the service is stopping, or a read of ours timed out.
        OperationCanceledException => new ProblemDetails
            { Status = 503, Title = "The service could not finish the request.", Detail = "Try again shortly." },
        _ => new ProblemDetails { Status = 500, Title = "An unexpected error occurred." },
    };

    /// <summary>
    /// The database is down, restarting or unreachable: a refused or broken connection, a server shutting down or starting up
    /// (SQLSTATE classes 08 and 57P), or a timeout. Marten wraps driver failures, so the whole chain is searched.
    /// </summary>
    internal static bool DatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException
                || e is PostgresException p && (p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal)))
                return true;
        return false;
    }

    // ASP.NET's words for a query or route value it cannot bind: 'Failed to bind parameter "PolicyArea? policyArea" from "Sports".'
    [GeneratedRegex("""Failed to bind parameter "(?:(?<type>[^"]*)\s)?(?<name>\w+)" from "(?<value>[^"]{0,100})""")]
    private static partial Regex BindFailure();

    // 'Implicit body inferred for parameter "command" but no body was provided.', 'Required parameter "X command" was not provided from body.'
    [GeneratedRegex("no body was provided|was not provided from body")]
    private static partial Regex MissingBody();

    private static ProblemDetails AlreadyExists(object id) =>
        new() { Status = 409, Title = "Already exists.", Detail = $"'{id}' already exists." };

    private static HttpValidationProblemDetails InvalidJson(JsonException json)
    {
        var (field, message) = BindingErrors.Json(json);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            { Status = 400, Title = "The request body is not valid JSON for this operation." };
    }

    private static HttpValidationProblemDetails Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] }) { Status = 400, Title = "The request is invalid." };
}
