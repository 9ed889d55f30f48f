using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CommitmentTracker.Infrastructure.OpenApi;

/// <summary>Documents what every write accepts and may answer beyond its own responses: Idempotency-Key, 413, 422, 429.</summary>
public sealed class WriteConventionsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.RelativePath?.StartsWith("health", StringComparison.Ordinal) == true) return; // probes are not limited
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Too many requests; wait the Retry-After seconds." });
        var method = context.ApiDescription.HttpMethod;
        if (method is null or "GET" || context.ApiDescription.RelativePath?.StartsWith("graphql", StringComparison.Ordinal) == true) return;
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "Idempotency-Key", In = ParameterLocation.Header, Required = false,
            Description = "Any unique string (≤ 200 chars). A retry with the same key and request returns the first response and writes nothing new.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
        });
        operation.Responses.TryAdd("413", new OpenApiResponse { Description = "The request body is over the limit (1 MiB by default)." });
        operation.Responses.TryAdd("422", new OpenApiResponse { Description = "The Idempotency-Key was already used for a different request." });
    }
}
