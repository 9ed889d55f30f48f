using System.Threading.RateLimiting;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Limits;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Features.Dialogue.Comments;

/// <summary>
/// Writing comments has a budget of its own per caller (<c>RateLimits:CommentsPerKeyPerMinute</c>, default 10), on top
/// of the global per-key and per-address buckets: a flood of comments is abuse long before 600 requests a minute.
/// Over budget is the same 429 problem with Retry-After.
/// </summary>
public static class CommentRateLimit
{
    public const string Policy = "comments";

    public static IServiceCollection AddCommentRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(o => o.AddPolicy(Policy, context =>
        {
            var options = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
            if (!options.Enabled || context.User.Identity?.IsAuthenticated != true) return RateLimitPartition.GetNoLimiter("unlimited");
            var limit = Math.Max(1, options.CommentsPerKeyPerMinute);
            return RateLimitPartition.GetTokenBucketLimiter($"comments:{Actor.From(context.User).Id}|{limit}", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit,
                TokensPerPeriod = limit,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }));
}
