using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CommitmentTracker.Infrastructure.OpenApi;

/// <summary>
/// Declares, with their problem schemas, the statuses the pipeline itself can answer around an operation (a handler
/// declares its own with ProducesProblem): 400 for an unknown or malformed query parameter (QueryContract), 404 for a
/// path that names nothing, 429 from the rate limiter; on writes 401/403 (authorization), 409 (a retry still in
/// progress, or a stale If-Match), 413 (body limit), 415 (media type) and 422 (a reused Idempotency-Key).
/// <c>DeclaredStatusesTests</c> fails when the app answers a status an operation does not declare.
/// </summary>
public sealed class PipelineStatusesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var api = context.ApiDescription;
        var path = api.RelativePath ?? "";
        if (path.StartsWith("health", StringComparison.Ordinal)) return; // probes answer 200 or 503, nothing else
        operation.Responses ??= new OpenApiResponses();
        var write = api.HttpMethod is not (null or "GET");
        Declare(operation, context, "400", "The request is invalid; `errors` names each field (or query parameter) and how to fix it.");
        Declare(operation, context, "429", "Too many requests; wait the Retry-After seconds.");
        if (path.Contains('{')) Declare(operation, context, "404", "Nothing has this id.");
        if (write)
        {
            if (api.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
            {
                Declare(operation, context, "401", "No or an unknown credential: send X-Api-Key or Authorization: Bearer.");
                Declare(operation, context, "403", "The credential's role or members do not allow this write.");
            }
            Declare(operation, context, "409", "A conflict: a stale If-Match (currentVersion, expectedVersion), a rule of the current state, or the same Idempotency-Key still in progress.");
            Declare(operation, context, "413", "The request body is over the limit (1 MiB by default).");
            if (operation.RequestBody is not null) Declare(operation, context, "415", "The Content-Type is not one this operation accepts; the detail names them.");
            if (!path.StartsWith("graphql", StringComparison.Ordinal))
                Declare(operation, context, "422", "The Idempotency-Key was already used for a different request.");
        }
        foreach (var (status, response) in operation.Responses)
            if (response is OpenApiResponse r && status[0] is '4' or '5')
            {
                r.Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType { Schema = ProblemSchema(status, context) },
                };
                if (r.Description is "Bad Request" or "Unauthorized" or "Forbidden" or "Not Found" or "Conflict")
                    r.Description = Describe(status, r.Description);
            }
    }

    private static void Declare(OpenApiOperation operation, OperationFilterContext context, string status, string description) =>
        operation.Responses!.TryAdd(status, new OpenApiResponse { Description = description });

    private static IOpenApiSchema ProblemSchema(string status, OperationFilterContext context) => status switch
    {
        "400" or "422" => context.SchemaGenerator.GenerateSchema(typeof(HttpValidationProblemDetails), context.SchemaRepository),
        "409" => context.SchemaGenerator.GenerateSchema(typeof(ConflictProblem), context.SchemaRepository),
        _ => context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository),
    };

    private static string Describe(string status, string fallback) => status switch
    {
        "400" => "The request is invalid; `errors` names each field (or query parameter) and how to fix it.",
        "401" => "No or an unknown credential: send X-Api-Key or Authorization: Bearer.",
        "403" => "The credential's role or members do not allow this write.",
        "404" => "Nothing has this id.",
        "409" => "A conflict: a stale If-Match (currentVersion, expectedVersion), a rule of the current state, or the same Idempotency-Key still in progress.",
        _ => fallback,
    };
}
