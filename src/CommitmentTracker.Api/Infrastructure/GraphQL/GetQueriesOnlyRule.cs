using GraphQL.Validation;
using GraphQLParser.AST;

namespace CommitmentTracker.Infrastructure.GraphQL;

/// <summary>GraphQL-over-HTTP: GET may only carry queries; a mutation over GET is refused (the endpoint answers 405).</summary>
public sealed class GetQueriesOnlyRule : ValidationRuleBase
{
    public const string Code = "HTTP_METHOD_NOT_ALLOWED";

    private static readonly MatchingNodeVisitor<GraphQLOperationDefinition> Visitor = new((operation, context) =>
    {
        if (operation.Operation != OperationType.Query)
            context.ReportError(new ValidationError(context.Document.Source, null, $"A {operation.Operation.ToString().ToLowerInvariant()} must be sent with POST.", operation) { Code = Code });
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);
}
