using CommitmentTracker.Features.Members;
using Marten;

namespace CommitmentTracker.Site;

/// <summary>
/// Whether the store holds the generator's sample data set (deploy/run.sh --sample): its members are registered by
/// <see cref="Admin"/>. Once seen it stays seen; until then it is looked up at most every 30 seconds.
/// </summary>
public sealed class SampleData(TimeProvider clock)
{
    /// <summary>The actor the generator registers its members as.</summary>
    public const string Admin = "key:generator-admin";

    private volatile bool seen;
    private DateTimeOffset nextCheck = DateTimeOffset.MinValue;

    public async Task<bool> IsShown(IQuerySession session, CancellationToken ct)
    {
        if (seen || clock.GetUtcNow() < nextCheck) return seen;
        seen = await session.Query<Member>().AnyAsync(m => m.RegisteredBy == Admin, ct);
        nextCheck = clock.GetUtcNow().AddSeconds(30);
        return seen;
    }
}
