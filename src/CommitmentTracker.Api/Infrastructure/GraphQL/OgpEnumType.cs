using GraphQL.Types;

namespace CommitmentTracker.Infrastructure.GraphQL;

/// <summary>Enums keep OGP's own words (NotStarted, CoCreation), not GraphQL's SCREAMING_CASE.</summary>
public sealed class OgpEnumType<T> : EnumerationGraphType<T> where T : Enum
{
    public OgpEnumType() => Name = typeof(T).Name;

    protected override string ChangeEnumCase(string val) => val;
}
