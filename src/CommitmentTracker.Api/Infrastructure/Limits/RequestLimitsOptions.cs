using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Infrastructure.Configuration;

namespace CommitmentTracker.Infrastructure.Limits;

/// <summary>Abuse limits (section <c>RateLimits</c> and <c>Limits</c>). Every value can be set per deployment.</summary>
public sealed class RateLimitOptions : ISettings
{
    public static string Section => "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests a single API key or user may make per minute, reads included.</summary>
    [Range(1, 1_000_000)] public int PerKeyPerMinute { get; set; } = 600;

    /// <summary>Requests one client address may make per minute, whoever it authenticates as.</summary>
    [Range(1, 1_000_000)] public int PerIpPerMinute { get; set; } = 1200;

    /// <summary>Comments (posts and edits) a single caller may write per minute.</summary>
    [Range(1, 1_000_000)] public int CommentsPerKeyPerMinute { get; set; } = 10;
}

public sealed class BodyLimitOptions : ISettings
{
    public static string Section => "Limits";

    /// <summary>The largest request body an endpoint takes unless it declares its own limit.</summary>
    [Range(1L, long.MaxValue)] public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
