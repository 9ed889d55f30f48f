using System.Threading.RateLimiting;

namespace CommitmentTracker.Infrastructure.Limits;

/// <summary>
/// A token bucket on the app's one clock (<see cref="TimeProvider"/>): perPeriod tokens come back every period, up to
/// limit, counted when a request asks rather than by a timer.
/// System.Threading.RateLimiting's bucket refills on the machine's stopwatch, which a test cannot hold still.
/// </summary>
public sealed class ClockTokenBucket : RateLimiter
{
    private readonly Lock gate = new();
    private readonly TimeProvider clock;
    private readonly int limit, perPeriod;
    private readonly TimeSpan period;
    private int tokens;
    private DateTimeOffset refilledAt;
    private DateTimeOffset? fullSince;
    private long granted, refused;

    public ClockTokenBucket(TimeProvider clock, int limit, int perPeriod, TimeSpan period)
    {
        (this.clock, this.limit, this.perPeriod, this.period, tokens) = (clock, limit, perPeriod, period, limit);
        refilledAt = clock.GetUtcNow();
        fullSince = refilledAt;
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                Refill();
                return fullSince is { } since ? clock.GetUtcNow() - since : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            Refill();
            return new RateLimiterStatistics { CurrentAvailablePermits = tokens, TotalSuccessfulLeases = granted, TotalFailedLeases = refused };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (gate)
        {
            Refill();
            if (tokens >= permitCount)
            {
                tokens -= permitCount;
                if (permitCount > 0) fullSince = null;
                granted++;
                return Lease.Granted;
            }
            refused++;
            return new Lease(false, period - (clock.GetUtcNow() - refilledAt));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount)); // no queue: over budget is refused at once

    private void Refill()
    {
        var now = clock.GetUtcNow();
        var periods = (long)((now - refilledAt) / period);
        if (periods <= 0) return;
        refilledAt += period * periods;
        tokens = (int)Math.Min(limit, tokens + periods * perPeriod);
        if (tokens == limit) fullSince ??= now;
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
