namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>The host's one clock, under the test's control.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
