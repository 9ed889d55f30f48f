using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using CommitmentTracker.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Infrastructure.Limits;

/// <summary>
/// Two token buckets that both apply: one per caller (API key or JWT subject) and one per client address, so
/// neither a leaked key used from many hosts nor many keys used from one host escapes. Health probes are exempt.
/// </summary>
public static class RateLimits
{
    public static PartitionedRateLimiter<HttpContext> Create() => PartitionedRateLimiter.CreateChained(
        PartitionedRateLimiter.Create<HttpContext, string>(c => Bucket(c, o => o.PerKeyPerMinute, CallerKey)),
        PartitionedRateLimiter.Create<HttpContext, string>(c => Bucket(c, o => o.PerIpPerMinute, IpKey)));

    private static RateLimitPartition<string> Bucket(HttpContext context, Func<RateLimitOptions, int> perMinute, Func<HttpContext, string?> key)
    {
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
        var partition = key(context);
        if (!options.Enabled || partition is null || context.Request.Path.StartsWithSegments("/health"))
            return RateLimitPartition.GetNoLimiter("unlimited");
        var limit = Math.Max(1, perMinute(options));
        // Tokens come back every period (a second for 60 or more a minute), so a client that waits the Retry-After gets in.
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        return RateLimitPartition.Get($"{partition}|{limit}", _ =>
            new ClockTokenBucket(clock, limit, Math.Max(1, limit / 60), TimeSpan.FromSeconds(Math.Max(1, 60 / limit))));
    }

    private static string? CallerKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? "caller:" + Actor.From(context.User).Id : null;

    private static string IpKey(HttpContext context) => "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public static async ValueTask Reject(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString();
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = 429, Title = "Too many requests.",
                Detail = $"This client has used its request budget. Retry after {seconds} s.",
                Extensions = { ["retryAfterSeconds"] = seconds },
            },
        });
    }
}
