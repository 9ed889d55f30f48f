using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using Marten;
using JasperFx;

namespace CommitmentTracker.Infrastructure.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on a write: the first request runs; a retry with the same key and the same request gets the
/// first response back (<c>Idempotent-Replayed: true</c>) and appends nothing. The same key with a different request is
/// a 422; a retry while the first is still running is a 409. A request that wrote nothing (a 4xx) keeps no record, so
/// it may simply be sent again.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IDocumentStore store, TimeProvider clock, ILogger<IdempotencyMiddleware> log)
{
    public const string Header = "Idempotency-Key";

    /// <summary>How long a write may take to keep its response after committing before a retry is told it was applied.</summary>
    private static readonly TimeSpan ResponseGrace = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsWrite(context.Request) || context.Request.Headers[Header].ToString() is not { Length: > 0 } key
            || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }
        if (key.Length > 200 || key.Any(char.IsControl))
            throw ValidationFailed.Field(Header, "must be 1 to 200 printable characters.");

        var actor = Actor.From(context.User).Id;
        var id = IdempotentRequest.IdFor(actor, key);
        var fingerprint = await Fingerprint(context.Request);
        if (await Find(id, context.RequestAborted) is { } earlier)
        {
            await Replay(context, earlier, fingerprint);
            return;
        }

        var claim = new IdempotencyClaim(new IdempotentRequest(id, actor, fingerprint, clock.GetUtcNow()));
        context.Features.Set(claim);
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch (DocumentAlreadyExistsException) when (!claim.Committed)
        {
            // A racer with the same key committed first; this request's own transaction rolled back.
            context.Response.Body = original;
            await Replay(context, await Find(id, context.RequestAborted), fingerprint);
            return;
        }
        finally
        {
            context.Response.Body = original;
        }

        if (claim.Committed && context.Response.StatusCode < 500) await Remember(claim.Request, context.Response, buffer.ToArray());
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static bool IsWrite(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)
         || HttpMethods.IsDelete(request.Method)) && !request.Path.StartsWithSegments("/graphql");

    private static async Task<string> Fingerprint(HttpRequest request)
    {
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return IdempotentRequest.FingerprintOf(request.Method, $"{request.Path}{request.QueryString}", body.ToArray());
    }

    private async Task<IdempotentRequest?> Find(string id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<IdempotentRequest>(id, ct);
    }

    private async Task Replay(HttpContext context, IdempotentRequest? earlier, string fingerprint)
    {
        if (earlier is not null && earlier.Fingerprint != fingerprint)
            throw new UnprocessableRequest(Header, "was already used for a different request; use a new key.");
        // The record commits with the write, so a record without a response is a write that was applied: either its
        // response is being kept right now, or the service stopped before it could keep it.
        if (earlier is { HasResponse: false } && clock.GetUtcNow() - earlier.At > ResponseGrace)
            throw new AlreadyApplied("The request with this Idempotency-Key was applied, but its response was not kept (the service "
                                     + "stopped in between). Read the resource to see the result; do not resend it under a new key.");
        if (earlier is not { HasResponse: true })
            throw new StillProcessing("A request with this Idempotency-Key is still being processed. Retry shortly.");
        var response = context.Response;
        response.StatusCode = earlier.Status!.Value;
        response.Headers["Idempotent-Replayed"] = "true";
        if (earlier.ContentType is not null) response.ContentType = earlier.ContentType;
        if (earlier.Location is not null) response.Headers.Location = earlier.Location;
        if (earlier.ETag is not null) response.Headers.ETag = earlier.ETag;
        if (earlier.Body is { Length: > 0 } body) await response.Body.WriteAsync(body, context.RequestAborted);
    }

    private async Task Remember(IdempotentRequest request, HttpResponse response, byte[] body)
    {
        try
        {
            await using var session = store.LightweightSession();
            session.Store(request with
            {
                Status = response.StatusCode, ContentType = response.ContentType,
                Location = response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                ETag = response.Headers.ETag.ToString() is { Length: > 0 } e ? e : null,
                Body = body,
            });
            await session.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (ProblemExceptionHandler.DatabaseUnavailable(e)) // Marten wraps the driver's exceptions
        {
            // The write itself committed and is acknowledged; a retry with this key now gets 409, never a second write.
            log.LogWarning(e, "Could not keep the response for idempotent request {Id}", request.Id[..12]);
        }
    }
}
