using Marten;

namespace CommitmentTracker.Generator;

/// <summary>Sessions that stamp the generator as the writer, as ActorSessionFactory stamps API callers.</summary>
public sealed class GeneratorSessions(IDocumentStore store) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = OpenAppendSession();
        session.SetHeader("actor", "key:generator");
        session.SetHeader("role", "admin");
        session.SetHeader("organisation", "bench");
        return session;
    }

    /// <summary>
    /// For the data set's appends, whose events carry their own writer (<see cref="GeneratedWriters"/>): Marten lets a
    /// session's headers overwrite an event's, so this session sets none.
    /// </summary>
    public IDocumentSession OpenAppendSession()
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = "key:generator";
        session.CorrelationId = "bench-generator";
        return session;
    }
}
