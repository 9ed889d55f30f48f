
namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>A host whose change feed gives up on a gap held open by a live transaction after 2 s instead of 2 min.</summary>
public sealed class ShortLiveGapApi : ApiFactory
{
    public static readonly TimeSpan LiveGapTimeout = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["ChangeFeed:LiveGapTimeout"] = LiveGapTimeout.ToString(),
    };
}
