using CommitmentTracker.Infrastructure.Marten;
using Marten;

namespace CommitmentTracker.Features.Commitments;

/// <summary>A write that may say when its change took effect, so a past plan's history can be entered with its real dates.</summary>
public abstract record EffectiveWrite
{
    /// <summary>
    /// The day the change took effect (yyyy-MM-dd), when it is not today: not in the future, not before the action
    /// plan's start, and not before the latest change already recorded in the stream. <c>asOf</c> judges by this date;
    /// the history shows it beside the day it was recorded.
    /// </summary>
    public DateOnly? EffectiveOn { get; init; }
}

/// <summary>The time a write takes effect at: now, or the start of the day it names. Pure.</summary>
public static class EffectiveDate
{
    /// <param name="planStart">The start of the action plan the write belongs to; null for a member's or a plan's own writes (a plan is drafted and co-created before its period starts).</param>
    /// <param name="latest">The time of the latest change already in the stream, if any: stream order stays the order changes took effect.</param>
    public static DateTimeOffset At(DateOnly? effectiveOn, DateTimeOffset now, DateOnly? planStart, DateTimeOffset? latest)
    {
        if (effectiveOn is not { } day) return now;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (day > today) throw ValidationFailed.Field("effectiveOn", $"must not be in the future; today is {today:yyyy-MM-dd}.");
        if (planStart is { } first && day < first) throw ValidationFailed.Field("effectiveOn", $"must not be before the action plan's start, {first:yyyy-MM-dd}.");
        if (latest is { } last && day < DateOnly.FromDateTime(last.UtcDateTime))
            throw ValidationFailed.Field("effectiveOn",
                $"must not be before {last.UtcDateTime:yyyy-MM-dd}, the latest change already recorded here: enter changes in the order they took effect.");
        if (day == today) return now;
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return latest is { } t && t > start ? t : start;
    }

    /// <summary>The plan's start, the lower bound of a dated write about its commitments; read only when the write is dated.</summary>
    public static async Task<DateOnly> PlanStart(IQuerySession session, DateOnly? effectiveOn, string planId, CancellationToken ct) =>
        effectiveOn is null ? default : (await session.LoadAsync<ActionPlans.ActionPlan>(planId, ct))!.Period.Start;

    /// <summary>
    /// The business time of the last event of a stream at <paramref name="version"/> (null for a stream not started yet):
    /// the <c>latest</c> of <see cref="At"/> for a state that does not carry it. Read inside the write, under its row lock.
    /// </summary>
    public static async Task<DateTimeOffset?> Latest(IQuerySession session, string stream, long version, CancellationToken ct)
    {
        if (version < 1) return null;
        var last = await session.Events.FetchStreamAsync(stream, fromVersion: version, token: ct);
        return last.Count > 0 && last[^1].Data is IDomainEvent e ? e.At : null;
    }
}
