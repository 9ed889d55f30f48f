using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CommitmentTracker.Infrastructure.OpenApi;

/// <summary>An example a feature offers for one of its request types; it shows in the OpenAPI document.</summary>
public sealed record OpenApiExample(Type Type, object Example);

/// <summary>Puts each feature's examples on their schemas, serialized exactly as the API reads JSON.</summary>
public sealed class ExamplesSchemaFilter(IEnumerable<OpenApiExample> examples, IOptions<JsonOptions> json) : ISchemaFilter
{
    private readonly Dictionary<Type, object> byType = examples.ToDictionary(e => e.Type, e => e.Example);

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && byType.TryGetValue(context.Type, out var example))
            concrete.Examples = [JsonSerializer.SerializeToNode(example, context.Type, json.Value.SerializerOptions)!];
    }
}
