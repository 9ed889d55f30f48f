namespace CommitmentTracker.Features.Bench;

public static class BenchEndpoints
{
    /// <summary>
    /// With <c>Bench:BareEndpoint=true</c> only: <c>GET /bench/bare</c> returns a constant, the benchmark's baseline for what
    /// this host serves with no work behind it.
    /// </summary>
    public static IEndpointRouteBuilder MapBench(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>("Bench:BareEndpoint"))
            app.MapGet("/bench/bare", () => TypedResults.Ok(new { ok = true })).ExcludeFromDescription();
        return app;
    }
}
