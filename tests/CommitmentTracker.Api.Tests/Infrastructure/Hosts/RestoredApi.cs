using CommitmentTracker.Api.Tests.Features.Webhooks;
using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>A host over a restored database: the backed-up store's schema, in a database of its own.</summary>
public sealed class RestoredApi(string connectionString) : ApiFactory
{
    protected override Task<string> ConnectionStringAsync() => Task.FromResult(connectionString);

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:Timeout"] = "00:00:05",
    };
}
