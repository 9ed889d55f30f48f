using CommitmentTracker.Infrastructure.Hosting;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>A worker host that tries for the leadership every 200 ms.</summary>
public sealed class FastLeadershipApi : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Worker:LeadershipPollSeconds"] = "0.2" };
}
