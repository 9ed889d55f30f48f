using System.Text.Encodings.Web;
using System.Text.Unicode;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using CommitmentTracker.Infrastructure.Configuration;

namespace CommitmentTracker.Infrastructure.GraphQL;

public static class GraphQLSetup
{
    public static IServiceCollection AddGraphQLApi(this IServiceCollection services)
    {
        services.AddGraphQL(b => b
            .AddSchema<TrackerSchema>()
            // Georgian and Armenian go out as UTF-8, not \u escapes.
            .AddSystemTextJson(o => o.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All))
            .AddGraphTypes(typeof(TrackerSchema).Assembly)
            // Resolvers share the request's Marten session, which is not thread-safe.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            .AddErrorInfoProvider<DomainErrorInfoProvider>()
            // Refuse documents too deep or too costly before running them (nested lists multiply the cost). Measured:
            // the dashboard queries in tests/graphql-clients cost 68 to 49,556; 40 aliased 200-row connections cost 3.5M.
            .AddComplexityAnalyzer(c => { c.MaxDepth = 12; c.MaxComplexity = 250_000; })
            .ConfigureExecution(async (options, next) =>
            {
                if (!options.RequestServices!.GetRequiredService<GraphQLApiOptions>().EnableIntrospection)
                    options.ValidationRules = [.. options.ValidationRules ?? global::GraphQL.Validation.DocumentValidator.CoreRules, new NoIntrospectionRule()];
                return await next(options);
            })
            .ConfigureExecutionOptions(o => o.MaxParallelExecutionCount = 1));
        services.AddSettings<GraphQLApiOptions>();
        services.AddScoped<BatchLoaders>();
        return services;
    }
}
