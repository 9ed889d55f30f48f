
namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>A host configured as production would be: introspection off.</summary>
public sealed class IntrospectionOffFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["GraphQL:EnableIntrospection"] = "false" };
}
