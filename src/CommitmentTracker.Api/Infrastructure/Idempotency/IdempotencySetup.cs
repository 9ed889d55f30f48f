namespace CommitmentTracker.Infrastructure.Idempotency;

public static class IdempotencySetup
{
    /// <summary>After authentication and the body limit: a key belongs to its caller, and the body is fingerprinted.</summary>
    public static WebApplication UseIdempotencyKeys(this WebApplication app)
    {
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }
}
