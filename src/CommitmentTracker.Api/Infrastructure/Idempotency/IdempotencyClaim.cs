using Marten;
using Marten.Services;

namespace CommitmentTracker.Infrastructure.Idempotency;

/// <summary>
/// The key a request holds while it runs. Whichever session of the request saves first carries the
/// <see cref="IdempotentRequest"/> along; a second racer with the same key then fails on its insert and writes nothing.
/// </summary>
public sealed class IdempotencyClaim(IdempotentRequest request)
{
    public IdempotentRequest Request { get; } = request;

    public bool Committed { get; private set; }

    public void Enlist(IDocumentSession session) => session.Listeners.Add(new Listener(this));

    private sealed class Listener(IdempotencyClaim claim) : DocumentSessionListenerBase
    {
        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            if (!claim.Committed) session.Insert(claim.Request);
            return Task.CompletedTask;
        }

        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            claim.Committed = true;
            return Task.CompletedTask;
        }
    }
}
