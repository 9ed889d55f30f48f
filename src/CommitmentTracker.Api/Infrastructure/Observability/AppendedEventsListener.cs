using Marten;
using Marten.Services;

namespace CommitmentTracker.Infrastructure.Observability;

/// <summary>Counts events once their transaction has committed: every write path passes through here.</summary>
public sealed class AppendedEventsListener(EventMetrics metrics) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents()) metrics.Appended(e.EventType.Name);
        return Task.CompletedTask;
    }
}
