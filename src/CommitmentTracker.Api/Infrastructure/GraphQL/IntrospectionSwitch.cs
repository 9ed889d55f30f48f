using GraphQL.Validation;
using GraphQLParser.AST;

using CommitmentTracker.Infrastructure.Configuration;

namespace CommitmentTracker.Infrastructure.GraphQL;

/// <summary><c>GraphQL:EnableIntrospection</c> (default true).</summary>
public sealed class GraphQLApiOptions : ISettings
{
    public static string Section => "GraphQL";

    public bool EnableIntrospection { get; set; } = true;
}

/// <summary>With <c>GraphQL:EnableIntrospection=false</c> (production), __schema and __type queries are refused.</summary>
public sealed class NoIntrospectionRule : ValidationRuleBase
{
    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new((field, context) =>
    {
        if (field.Name.Value == "__schema" || field.Name.Value == "__type")
            context.ReportError(new ValidationError(context.Document.Source, null, "Introspection is disabled on this server.", field) { Code = "INTROSPECTION_DISABLED" });
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);
}
