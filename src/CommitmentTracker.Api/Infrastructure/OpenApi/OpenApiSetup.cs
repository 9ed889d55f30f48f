using System.Reflection;
using Microsoft.OpenApi;

namespace CommitmentTracker.Infrastructure.OpenApi;

public static class OpenApiSetup
{
    public static IServiceCollection AddOpenApiDocs(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(c =>
        {
            c.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "OGP Commitment Tracker",
                Version = "v1",
                Description = "Open Government Partnership action plans, commitments and milestones, event-sourced. " +
                              "Reads are anonymous; writes take an API key in `X-Api-Key` or `Authorization: Bearer`, or an OIDC access token as `Authorization: Bearer` where `Auth:Jwt:Authority` is set.",
            });
            c.CustomOperationIds(OperationIds.For);
            c.SupportNonNullableReferenceTypes(); // string? is nullable, string is not
            c.UseAllOfToExtendReferenceSchemas(); // so an optional enum ($ref) can say nullable
            c.DocumentFilter<ContractDocumentFilter>(); // tags, servers, both security schemes on every write
            c.SchemaFilter<ExamplesSchemaFilter>();
            c.SchemaFilter<RequiredPropertiesSchemaFilter>();
            c.OperationFilter<WriteConventionsOperationFilter>();
            c.OperationFilter<HeadersOperationFilter>();
            c.OperationFilter<PipelineStatusesOperationFilter>();
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml)) c.IncludeXmlComments(xml);
        });
        return services;
    }

    public static WebApplication UseOpenApiDocs(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(c => c.SwaggerEndpoint("/swagger/v1/swagger.json", "OGP Commitment Tracker v1"));
        return app;
    }
}
