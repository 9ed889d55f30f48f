using GraphQL.Types;

namespace CommitmentTracker.Infrastructure.GraphQL;

/// <summary>
/// A slice's fields of the query root. <see cref="QueryType"/> adds every implementation in the app's assembly, so the
/// GraphQL infrastructure imports no Feature and a new slice needs no line there.
/// </summary>
public interface IQueryFields
{
    /// <summary>Where the slice's fields stand in the query root, so the published schema keeps its order.</summary>
    int Position { get; }

    void AddTo(ObjectGraphType query);
}
