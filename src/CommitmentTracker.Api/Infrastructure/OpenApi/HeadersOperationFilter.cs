using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CommitmentTracker.Infrastructure.OpenApi;

/// <summary>
/// Declares the headers the pipeline adds or reads around every operation (HttpCaching, ETags, idempotency, export
/// file names, languages), so that generated clients can see them.
/// </summary>
public sealed class HeadersOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var path = context.ApiDescription.RelativePath ?? "";
        if (!path.StartsWith("api/", StringComparison.Ordinal) && !path.StartsWith("graphql", StringComparison.Ordinal)) return;
        operation.Parameters ??= [];
        operation.Responses ??= new OpenApiResponses();
        var read = context.ApiDescription.HttpMethod == "GET";
        if (path.StartsWith("api/", StringComparison.Ordinal))
        {
            if (!operation.Parameters.Any(p => p.Name == "lang"))
                operation.Parameters.Add(Parameter("lang", ParameterLocation.Query, "A BCP-47 tag (ka, hy, en) for localized text; wins over Accept-Language."));
            operation.Parameters.Add(Parameter("Accept-Language", ParameterLocation.Header, "Languages for localized text, best first; a missing translation falls back to the default language, then to any."));
        }
        if (read)
        {
            operation.Parameters.Add(Parameter("If-None-Match", ParameterLocation.Header, "An ETag from an earlier answer; 304 when the representation is unchanged."));
            operation.Responses.TryAdd("304", new OpenApiResponse { Description = "Not modified: the representation still has the ETag sent in If-None-Match." });
        }
        else if (path.StartsWith("api/commitments/{id}", StringComparison.Ordinal) || path == "api/action-plans/{id}/status")
            operation.Parameters.Add(Parameter("If-Match", ParameterLocation.Header, "The ETag (or \"version\") you read; a stale one is 409 with currentVersion."));

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse r || !status.StartsWith('2') && status != "304") continue;
            r.Headers ??= new Dictionary<string, IOpenApiHeader>();
            r.Headers.TryAdd("ETag", Header("A strong ETag for this representation: the stream version and a hash (\"3.1f0c9a2b7d4e6a80\"), or a hash alone."));
            if (read)
            {
                r.Headers.TryAdd("Cache-Control", Header("public, max-age=10, must-revalidate for anonymous reads; private for requests that sent credentials."));
                if (path.StartsWith("api/", StringComparison.Ordinal)) r.Headers.TryAdd("Vary", Header("Accept-Language."));
                if (path.StartsWith("api/export/", StringComparison.Ordinal) && status == "200")
                    r.Headers.TryAdd("Content-Disposition", Header("attachment with the file name (commitments.csv, commitments-2024-08-30.csv with asOf)."));
            }
            else
            {
                r.Headers.TryAdd("Idempotent-Replayed", Header("true when this is the stored answer to an earlier request with the same Idempotency-Key."));
                if (status == "201") r.Headers.TryAdd("Location", Header("The URL of the created resource."));
            }
        }
    }

    private static OpenApiParameter Parameter(string name, ParameterLocation where, string description) =>
        new() { Name = name, In = where, Required = false, Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

    private static OpenApiHeader Header(string description) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
}
