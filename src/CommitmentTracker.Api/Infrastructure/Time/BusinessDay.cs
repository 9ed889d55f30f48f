namespace CommitmentTracker.Infrastructure.Time;

/// <summary>
/// Business days in UTC, by the app's one clock (<see cref="TimeProvider"/>): the day overdue is judged on, and the end
/// of a day an <c>asOf</c> read stops at. Every read and write takes them from here.
/// </summary>
public static class BusinessDay
{
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The first instant after <paramref name="day"/>: what was decided before it counts as of that day.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
