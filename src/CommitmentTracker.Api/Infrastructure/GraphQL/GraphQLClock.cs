using GraphQL;

namespace CommitmentTracker.Infrastructure.GraphQL;

/// <summary>Today by the app's one clock, for resolvers.</summary>
public static class GraphQLClock
{
    public static DateOnly Today(IResolveFieldContext ctx) =>
        DateOnly.FromDateTime(ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
}
