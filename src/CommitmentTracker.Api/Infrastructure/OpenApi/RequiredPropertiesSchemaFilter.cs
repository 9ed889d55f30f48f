using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CommitmentTracker.Infrastructure.OpenApi;

/// <summary>
/// <c>required</c> exact on every object schema. Answers write every non-null property and leave out null ones
/// (<c>WhenWritingNull</c>), so a non-nullable C# property is required and a nullable one optional. Request bodies keep
/// their fields nullable so the validator can name every missing one at once; the ones it requires carry
/// <see cref="RequiredAttribute"/>, which makes them required and not nullable here.
/// </summary>
public sealed class RequiredPropertiesSchemaFilter : ISchemaFilter
{
    private readonly NullabilityInfoContext nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete || context.Type.IsEnum) return;
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (!concrete.Properties.TryGetValue(name, out var propertySchema)) continue;
            var demanded = property.GetCustomAttribute<RequiredAttribute>() is not null;
            bool nullable;
            lock (nullability) nullable = nullability.Create(property).ReadState == NullabilityState.Nullable;
            if (nullable && !demanded) continue;
            concrete.Required ??= new HashSet<string>(StringComparer.Ordinal);
            concrete.Required.Add(name);
            if (propertySchema is OpenApiSchema p && p.Type is { } type && type.HasFlag(JsonSchemaType.Null))
                p.Type = type == JsonSchemaType.Null ? null : type & ~JsonSchemaType.Null;
        }
    }
}
