using Marten;

namespace CommitmentTracker.Generator;

/// <summary>Sessions that stamp the generator as the writer, as ActorSessionFactory stamps API callers.</summary>
public sealed class GeneratorSessions(IDocumentStore store) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = "key:generator";
        session.CorrelationId = "bench-generator";
        session.SetHeader("actor", "key:generator");
        session.SetHeader("role", "admin");
        session.SetHeader("organisation", "bench");
        return session;
    }
}
