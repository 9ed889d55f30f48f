using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CommitmentTracker.Infrastructure.OpenApi;

/// <summary>Documents the Idempotency-Key every write accepts (PipelineStatusesOperationFilter declares what it may answer).</summary>
public sealed class WriteConventionsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.RelativePath?.StartsWith("health", StringComparison.Ordinal) == true) return; // probes are not limited
        var method = context.ApiDescription.HttpMethod;
        if (method is null or "GET" || context.ApiDescription.RelativePath?.StartsWith("graphql", StringComparison.Ordinal) == true) return;
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "Idempotency-Key", In = ParameterLocation.Header, Required = false,
            Description = "Any unique string (≤ 200 chars). A retry with the same key and request returns the first response and writes nothing new.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
        });
    }
}
