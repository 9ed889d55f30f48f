namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>
/// A host configured as an API replica (<c>Worker:Enabled=false</c>): no webhook dispatcher or lag sampler polls the
/// database, so what the host does (SQL round trips, logs) is only what the test's requests did.
/// </summary>
public sealed class ApiReplicaApi : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Worker:Enabled"] = "false" };
}
