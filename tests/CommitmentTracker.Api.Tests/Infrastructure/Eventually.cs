using System.Diagnostics;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>Waits for background work (webhook delivery, reconnecting) to reach a state, failing after a patience.</summary>
public static class Eventually
{
    public static Task Holds(Func<bool> condition, TimeSpan patience) => Holds(() => Task.FromResult(condition()), patience);

    public static async Task Holds(Func<Task<bool>> condition, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < patience, $"the condition did not hold within {patience}");
            await Task.Delay(50);
        }
    }
}
