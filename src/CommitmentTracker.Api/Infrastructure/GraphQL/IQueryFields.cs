using GraphQL.Types;

namespace CommitmentTracker.Infrastructure.GraphQL;

/// <summary>
/// A slice's fields of the query root. <see cref="QueryType"/> adds every implementation in the app's assembly, so the
/// GraphQL infrastructure imports no Feature and a new slice needs no line there.
/// </summary>
public interface IQueryFields
{
    void AddTo(ObjectGraphType query);
}
