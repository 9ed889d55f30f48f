using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.ApiKeys;

public static class ApiKeysEndpoints
{
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/api-keys").WithTags("API keys").RequireAuthorization(AuthSetup.Writer);
        keys.MapPost("/", Issue).WithSummary("Issue an API key (admin). The secret is shown once, in this response.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        keys.MapGet("/", List).WithSummary("List API keys without their secrets (admin).").ProducesProblem(401).ProducesProblem(403);
        keys.MapDelete("/{keyId}", Revoke).WithSummary("Revoke an API key (admin).").ProducesProblem(404);
        return app;
    }

    // The REST route's handlers, which the workspace's key forms call too.
    public static async Task<Created<IssuedApiKey>> Issue(IssueApiKey command, IDocumentSession session, Actor actor, TimeProvider clock, HttpContext http)
    {
        actor.EnsureAdmin();
        var known = await session.Query<Member>().Select(m => m.Id).ToListAsync(http.RequestAborted);
        var secret = ApiKey.NewSecret();
        var key = IssueApiKey.Decide(command, secret, known.ToHashSet(), actor.Id, clock.GetUtcNow());
        session.Store(key);
        await session.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/api-keys/{key.KeyId}", new IssuedApiKey(key.KeyId, secret, key.Name, Enum.Parse<ApiKeyRole>(key.Role), key.Organisation, key.Members));
    }

    public static async Task<Ok<ApiKeyResponse[]>> List(IQuerySession session, Actor actor, HttpContext http)
    {
        actor.EnsureAdmin();
        var keys = await session.Query<ApiKey>().OrderBy(k => k.CreatedAt).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(keys.Select(ApiKeyResponse.From).ToArray());
    }

    public static async Task<NoContent> Revoke(string keyId, IDocumentSession session, Actor actor, TimeProvider clock, HttpContext http)
    {
        actor.EnsureAdmin();
        if (keyId.Length != 12) throw new ResourceNotFound("API key", keyId);
        var key = (await session.Query<ApiKey>().Where(k => k.Id.StartsWith(keyId)).ToListAsync(http.RequestAborted)).SingleOrDefault()
                  ?? throw new ResourceNotFound("API key", keyId);
        session.Store(key with { RevokedAt = key.RevokedAt ?? clock.GetUtcNow() });
        await session.SaveChangesAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }
}
