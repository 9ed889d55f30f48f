using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CommitmentTracker.Infrastructure.OpenApi;

/// <summary>What the document must say beside each operation's own description: tags, servers, security, headers.</summary>
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
            if (api.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                ];
        }
    }
}
