using CommitmentTracker.Infrastructure.Configuration;

namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>
/// A browser session, kept server-side so that signing out or revoking the key ends it at once: the cookie only
/// names it. <see cref="KeyHash"/> is set for a session opened with an API key.
/// </summary>
public sealed record WorkspaceSession(string Id, string ActorId, string? KeyHash, DateTimeOffset SignedInAt, DateTimeOffset? EndedAt = null)
{
    public const string Claim = "ogp:session";
    public const string KeyClaim = "ogp:key";
}

/// <summary><c>Auth:Session</c>: how long a browser session lasts idle (sliding) and at most (absolute).</summary>
public sealed class SessionOptions : ISettings
{
    public static string Section => "Auth:Session";

    [PositiveDuration(7 * 86_400)] public TimeSpan Idle { get; set; } = TimeSpan.FromMinutes(30);
    [PositiveDuration(30 * 86_400)] public TimeSpan Absolute { get; set; } = TimeSpan.FromHours(12);
}
