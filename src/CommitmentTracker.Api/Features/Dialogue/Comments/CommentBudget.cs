using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Limits;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Features.Dialogue.Comments;

/// <summary>
/// Writing comments has a budget of its own per caller (<c>RateLimits:CommentsPerKeyPerMinute</c>, default 10), on top
/// of the global per-key and per-address buckets: a flood of comments is abuse long before 600 requests a minute.
/// The comment handlers take from it themselves, so the workspace's comment forms (which call those handlers from their
/// own pages) spend the same budget. Over budget is a 429 problem with Retry-After.
/// </summary>
public sealed class CommentBudget(IOptionsMonitor<RateLimitOptions> options)
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> buckets = new();

    /// <summary>Takes one comment from <paramref name="actor"/>'s budget, or throws <see cref="TooManyRequests"/>.</summary>
    public void Take(Actor actor)
    {
        var current = options.CurrentValue;
        if (!current.Enabled || actor == Actor.Anonymous) return;
        var limit = Math.Max(1, current.CommentsPerKeyPerMinute);
        var bucket = buckets.GetOrAdd($"{actor.Id}|{limit}", _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = limit,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = bucket.AttemptAcquire();
        if (lease.IsAcquired) return;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        throw new TooManyRequests((int)Math.Ceiling(Math.Max(1, wait.TotalSeconds)));
    }
}
