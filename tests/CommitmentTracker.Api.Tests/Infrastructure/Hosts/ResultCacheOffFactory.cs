using CommitmentTracker.Features.Commitments;
using Marten.Services;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>A host with <c>ResultCache:Enabled=false</c>.</summary>
public sealed class ResultCacheOffFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["ResultCache:Enabled"] = "false" };
}
