using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CommitmentTracker.Infrastructure.OpenApi;

/// <summary>
/// What the document must say beside each operation's own description: tags, servers, security (both schemes on every
/// write, none on a read), the import's three media types and the SDL's text/plain.
/// </summary>
public sealed class ContractDocumentFilter : IDocumentFilter
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Action plans"] = "A member's action plans and their lifecycle (Draft to ResultsAssessed, or Withdrawn).",
        ["API keys"] = "Keys for writers (admin only). A key goes in X-Api-Key or Authorization: Bearer.",
        ["Assessments"] = "CSO assessments of commitments, one stream per CSO, side by side with the government's and the IRM's.",
        ["Audit"] = "Every stored event with who made it (admin).",
        ["Changes"] = "The change feed: every event in global order, paged by sequence.",
        ["Commitments"] = "Commitments, their milestones, progress, completion, IRM assessment and history; lists, search and stats.",
        ["Export"] = "CSV and JSON exports in OGP's spreadsheet columns.",
        ["GraphQL"] = "The GraphQL schema; queries go to /graphql (GET or POST, GraphQL-over-HTTP).",
        ["Health"] = "Liveness and readiness probes.",
        ["Import"] = "Bulk import of a plan's commitments and milestones, all or nothing.",
        ["Members"] = "National and local (OGP Local) members.",
        ["Webhooks"] = "Subscriptions that deliver the change feed to a URL, signed, with retry.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers = [new OpenApiServer { Url = "/", Description = "The server that serves this document." }];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
            Description = "An API key issued by an admin.",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer",
            Description = "The same API key as a bearer token, or an OIDC access token where Auth:Jwt:Authority is set.",
        };
        foreach (var api in context.ApiDescriptions)
        {
            if (api.RelativePath is null || api.HttpMethod is null) continue;
            if (!document.Paths.TryGetValue("/" + OperationIds.Path(api), out var item) || item.Operations is null) continue;
            if (!item.Operations.TryGetValue(HttpMethod.Parse(api.HttpMethod), out var operation)) continue;
            operation.Security = api.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any()
                ?
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                ]
                : [new OpenApiSecurityRequirement()]; // anonymous: an empty requirement, so "no credential" is said, not implied
            if (operation.RequestBody is OpenApiRequestBody { Content: { } content }) BodyByReference(content);
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
                if (parameter.Schema is OpenApiSchema { AllOf: [OpenApiSchemaReference target], Type: null, Description: null }) parameter.Schema = target;
        }
        foreach (var schema in document.Components.Schemas?.Values ?? []) Compose(schema, document);
        if (document.Paths.TryGetValue("/api/action-plans/{id}/import", out var import) && import.Operations?.GetValueOrDefault(HttpMethod.Post) is { RequestBody: OpenApiRequestBody { Content: { } media } })
        {
            media["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "commitments.csv, in the columns the CSV export writes." } };
            media["multipart/form-data"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "commitments" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["commitments"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "commitments.csv, as the CSV export writes it." },
                        ["milestones"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "milestones.csv, as the CSV export writes it." },
                    },
                },
            };
        }
        if (document.Paths.TryGetValue("/graphql/schema.graphql", out var sdl) && sdl.Operations?.GetValueOrDefault(HttpMethod.Get)?.Responses?.GetValueOrDefault("200") is OpenApiResponse ok)
            ok.Content = new Dictionary<string, IOpenApiMediaType> { ["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } };
    }

    /// <summary>
    /// A property that only points at another schema is a $ref. One that may be null needs a wrapper to say so in
    /// OpenAPI 3.0, with its type beside <c>nullable</c>: <c>oneOf: [$ref], type, nullable</c>. Not allOf: beside a
    /// type, Kiota and NSwag read an allOf wrapper as a plain string (an enum) or a new derived class (an object),
    /// while both read the oneOf of one as the referenced type itself (tests/contract/csharp walks both clients).
    /// </summary>
    private static void Compose(IOpenApiSchema schema, OpenApiDocument document)
    {
        if (schema is not OpenApiSchema { Properties: { } properties }) return;
        foreach (var (name, property) in properties.ToArray())
        {
            if (property is not OpenApiSchema { AllOf: [OpenApiSchemaReference target] } wrapper) continue;
            if (wrapper.Type == JsonSchemaType.Null)
            {
                wrapper.Type = (document.Components?.Schemas is { } all && all.TryGetValue(target.Reference.Id ?? "", out var referenced)
                    ? referenced.Type ?? JsonSchemaType.Object : JsonSchemaType.Object) | JsonSchemaType.Null;
                wrapper.OneOf = [target];
                wrapper.AllOf = null;
            }
            else if (wrapper.Type is null && wrapper.Description is null) properties[name] = target;
        }
    }

    /// <summary>A body is its command's schema itself: generators name the parameter after it (an allOf wrapper is only there to carry a description).</summary>
    private static void BodyByReference(IDictionary<string, IOpenApiMediaType> content)
    {
        foreach (var media in content.Values)
            if (media is OpenApiMediaType { Schema: OpenApiSchema { AllOf: [OpenApiSchemaReference only] } } concrete) concrete.Schema = only;
    }
}
