using CommitmentTracker.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Audit;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", Read).WithTags("Audit").RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Every stored event with its actor, role, organisation, correlation and request ids (admin).")
            .WithDescription("`actor` is a key id (`key:…`) or a JWT subject (`jwt:…`; a subject that is an email address is stored as a pseudonym, `jwt:sha256:…`, and may be given as either); `from`/`to` bound the stored timestamp (to is exclusive).")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        return app;
    }

    private static async Task<Ok<AuditPage>> Read([AsParameters] AuditQuery query, Actor actor, IQuerySession session, CancellationToken ct)
    {
        actor.EnsureAdmin();
        query = query.Validated();
        var after = query.After ?? 0;
        // Marten fills the numbers of rolled-back appends with tombstones: they are not writes.
        var events = session.Events.QueryAllRawEvents().Where(e => e.Sequence > after && e.EventTypeName != "tombstone");
        // ActorSessionFactory stamps the actor's id as the event's user name too, which Marten keeps in a column.
        if (query.Actor is { } who)
        {
            // An admin may name a person by the email subject their provider gives; it is stored as its pseudonym.
            if (who.StartsWith("jwt:", StringComparison.Ordinal)) who = PublicNames.SubjectId(who[4..]);
            events = events.Where(e => e.UserName == who);
        }
        if (query.From is { } from) events = events.Where(e => e.Timestamp >= from);
        if (query.To is { } to) events = events.Where(e => e.Timestamp < to);
        var items = (await events.OrderBy(e => e.Sequence).Take(query.Take).ToListAsync(ct)).Select(AuditEntry.From).ToList();
        return TypedResults.Ok(new AuditPage(items, items.Count == query.Take ? items[^1].Sequence : null));
    }
}
