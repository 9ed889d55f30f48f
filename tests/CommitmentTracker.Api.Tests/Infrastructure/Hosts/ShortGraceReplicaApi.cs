using CommitmentTracker.Infrastructure.Hosting;
using CommitmentTracker.Infrastructure.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>An API replica (no background work) with a short shutdown grace.</summary>
public sealed class ShortGraceReplicaApi : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Worker:Enabled"] = "false",
        ["Hosting:ShutdownTimeoutSeconds"] = "7",
        ["OpenTelemetry:LagSampleSeconds"] = "1",
    };
}
