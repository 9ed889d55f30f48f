
namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>Rate limits on, with a small comment budget.</summary>
public sealed class CommentLimitedApi : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["RateLimits:Enabled"] = "true", ["RateLimits:CommentsPerKeyPerMinute"] = "3",
    };
}
