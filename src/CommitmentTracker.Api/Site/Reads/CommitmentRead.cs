using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using Marten;

namespace CommitmentTracker.Site.Reads;

/// <summary>One moment of a commitment's history, its own stream or a CSO's, in the words of the history endpoint.</summary>
public sealed record TimelineEntry(HistoryEntry Entry, string? Stream);

public sealed record Reschedule(DateOnly PreviousStart, DateOnly PreviousDue, DateOnly Start, DateOnly Due, string Reason, DateTimeOffset At);

public sealed record CommitmentView(
    Commitment Commitment, CsoView[] Cso, ActionPlan? Plan, Member? Member, TimelineEntry[] History,
    IReadOnlyDictionary<string, Reschedule[]> Reschedules, DateOnly Today, DateOnly? AsOf)
{
    public Shown? Text(Dictionary<string, string>? text) => Shown.Of(text, Commitment.DefaultLanguage);
}

/// <summary>A commitment with its CSO views and full history, now or as of the end of a day (the page and its embed card).</summary>
public sealed class CommitmentRead(IQuerySession session, TimeProvider clock)
{
    public async Task<CommitmentView?> Read(string id, DateOnly? asOf, CancellationToken ct)
    {
        var key = id.Trim().ToUpperInvariant();
        if (key.Length is 0 or > 64) return null;
        var events = await session.Events.FetchStreamAsync(key, token: ct);
        if (events.Count == 0) return null;
        var cutoff = asOf is { } d ? new DateTimeOffset(d.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MaxValue;
        var commitment = asOf is { } date
            ? await CommitmentHistory.AsOfAsync(session, key, date, ct)
            : await session.LoadAsync<Commitment>(key, ct);
        if (commitment is null) return null;
        var streams = await session.Query<CsoAssessment>().Where(a => a.CommitmentId == key).OrderBy(a => a.Organisation).ToListAsync(ct);
        var csoEvents = new List<TimelineEntry>();
        foreach (var stream in streams)
            csoEvents.AddRange((await session.Events.FetchStreamAsync(stream.Id, token: ct)).Select(e => new TimelineEntry(CommitmentHistory.Entry(e), stream.Organisation)));
        var history = events.Select(e => new TimelineEntry(CommitmentHistory.Entry(e), null)).Concat(csoEvents)
            .Where(t => t.Entry.At < cutoff).OrderBy(t => t.Entry.At).ThenBy(t => t.Entry.Sequence).ToArray();
        var reschedules = history.Select(t => t.Entry.Data).OfType<MilestoneRescheduled>()
            .GroupBy(r => r.MilestoneId)
            .ToDictionary(g => g.Key, g => g.Select(r => new Reschedule(r.PreviousStart, r.PreviousDue, r.Start, r.Due, r.Reason, r.At)).ToArray());
        var plan = await session.LoadAsync<ActionPlan>(commitment.PlanId, ct);
        var member = await session.LoadAsync<Member>(commitment.MemberCode, ct);
        return new CommitmentView(commitment, CsoAssessmentsEndpoints.Views(streams, asOf), plan, member, history, reschedules,
            asOf ?? clock.Today(), asOf);
    }
}
