using System.Diagnostics.Metrics;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Observability;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>A host that exports to a local OTLP/HTTP receiver, as configuration turns it on in production.</summary>
public sealed class OtlpApi : ApiFactory
{
    public OtlpReceiver Collector { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["OpenTelemetry:OtlpEndpoint"] = Collector.Url,
        ["OpenTelemetry:OtlpProtocol"] = "http/protobuf",
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Collector.Dispose();
    }
}
