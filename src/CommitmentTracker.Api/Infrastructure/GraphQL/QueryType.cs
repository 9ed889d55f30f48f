using GraphQL.Types;

namespace CommitmentTracker.Infrastructure.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        foreach (var slice in typeof(QueryType).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IQueryFields)))
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
            ((IQueryFields)Activator.CreateInstance(slice)!).AddTo(this);
    }
}
