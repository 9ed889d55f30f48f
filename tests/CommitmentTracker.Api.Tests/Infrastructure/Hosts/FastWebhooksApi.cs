using CommitmentTracker.Features.Webhooks;
using Microsoft.Extensions.Hosting;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>A host whose dispatcher polls and retries fast, so the tests wait milliseconds, not seconds.</summary>
public sealed class FastWebhooksApi : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:RetryBaseDelay"] = "00:00:00.050",
        ["Webhooks:RetryMaxDelay"] = "00:00:00.200",
        ["Webhooks:Timeout"] = "00:00:05",
    };
}
