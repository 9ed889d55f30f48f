
namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

public sealed class RateLimitedApi : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["RateLimits:Enabled"] = "true",
        ["RateLimits:PerKeyPerMinute"] = "4",
        ["RateLimits:PerIpPerMinute"] = "10",
    };
}
