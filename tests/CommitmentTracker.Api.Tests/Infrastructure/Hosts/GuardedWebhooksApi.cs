
namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>The deployment default: webhooks may not reach the operator's own network.</summary>
public sealed class GuardedWebhooksApi : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Webhooks:AllowPrivateTargets"] = "false",
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:RetryBaseDelay"] = "00:00:00.050",
        ["Webhooks:RetryMaxDelay"] = "00:00:00.200",
        ["Webhooks:Timeout"] = "00:00:02",
    };
}
