using GraphQL.Types;

namespace CommitmentTracker.Infrastructure.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        foreach (var slice in typeof(QueryType).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IQueryFields)))
                     .Select(t => (IQueryFields)Activator.CreateInstance(t)!).OrderBy(s => s.Position))
            slice.AddTo(this);
    }
}
