using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Infrastructure.Configuration;

namespace CommitmentTracker.Features.Webhooks;

/// <summary>The <c>Webhooks:*</c> settings.</summary>
public sealed class WebhookOptions : ISettings, IValidatableObject
{
    public static string Section => "Webhooks";

    [PositiveDuration(3600)] public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    [PositiveDuration(600)] public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    [PositiveDuration] public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    [PositiveDuration] public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
    [Range(1, 10_000)] public int BatchSize { get; set; } = 100;

    /// <summary>Lets webhooks reach loopback, private and link-local addresses (tests, local receivers).</summary>
    public bool AllowPrivateTargets { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (RetryMaxDelay < RetryBaseDelay) yield return new ValidationResult("must not be shorter than Webhooks:RetryBaseDelay", [nameof(RetryMaxDelay)]);
    }

    /// <summary>Exponential backoff with full jitter: a uniform wait in [0, min(max, base · 2^(attempt-1))].</summary>
    public TimeSpan Backoff(int failedAttempts)
    {
        var ceiling = Math.Min(RetryMaxDelay.TotalMilliseconds, RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failedAttempts - 1, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
