using CommitmentTracker.Features.Webhooks;
using Microsoft.Extensions.Hosting;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>An API replica: it serves requests but runs no background work.</summary>
public sealed class WorkerOffApi : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Worker:Enabled"] = "false" };
}
