namespace CommitmentTracker.Features.Webhooks;

/// <summary>The <c>Webhooks:*</c> settings.</summary>
public sealed record WebhookOptions(TimeSpan PollInterval, TimeSpan Timeout, TimeSpan RetryBaseDelay, TimeSpan RetryMaxDelay, int BatchSize,
    bool AllowPrivateTargets)
{
    public static WebhookOptions From(IConfiguration config) => new(
        config.GetValue("Webhooks:PollInterval", TimeSpan.FromMilliseconds(500)),
        config.GetValue("Webhooks:Timeout", TimeSpan.FromSeconds(10)),
        config.GetValue("Webhooks:RetryBaseDelay", TimeSpan.FromSeconds(1)),
        config.GetValue("Webhooks:RetryMaxDelay", TimeSpan.FromMinutes(5)),
        config.GetValue("Webhooks:BatchSize", 100),
        config.GetValue("Webhooks:AllowPrivateTargets", false));

    /// <summary>Exponential backoff with full jitter: a uniform wait in [0, min(max, base · 2^(attempt-1))].</summary>
    public TimeSpan Backoff(int failedAttempts)
    {
        var ceiling = Math.Min(RetryMaxDelay.TotalMilliseconds, RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failedAttempts - 1, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
