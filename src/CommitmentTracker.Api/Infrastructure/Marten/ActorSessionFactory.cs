using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Idempotency;
using Marten;

namespace CommitmentTracker.Infrastructure.Marten;

/// <summary>
/// Every session opened during a request stamps its events with who wrote them (user name, role,
/// organisation), the correlation id and the client's request id. This is the one place that happens.
/// </summary>
public sealed class ActorSessionFactory(IDocumentStore store, IHttpContextAccessor http) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        if (http.HttpContext is not { } context) return session;
        var actor = Actor.From(context.User);
        session.LastModifiedBy = actor.Id;
        session.CorrelationId = Header(context, "X-Correlation-ID") ?? context.TraceIdentifier;
        session.SetHeader("actor", actor.Id);
        session.SetHeader("actorName", actor.Name);
        session.SetHeader("role", actor.Role);
        session.SetHeader("organisation", actor.Organisation);
        if (Header(context, "X-Request-ID") is { } requestId) session.SetHeader("requestId", requestId);
        context.Features.Get<IdempotencyClaim>()?.Enlist(session);
        return session;
    }

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers[name].ToString() is { Length: > 0 and <= 200 } value ? value : null;
}
