using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Time;

namespace CommitmentTracker.Site.Reads;

public sealed record Reschedule(DateOnly PreviousStart, DateOnly PreviousDue, DateOnly Start, DateOnly Due, string Reason, DateTimeOffset At);

/// <summary>What the commitment page and its embed card show: the view every surface reads, its plan, member and history.</summary>
public sealed record CommitmentSheet(
    CommitmentView View, ActionPlan? Plan, Member? Member, IReadOnlyList<HistoryEntry> History, IReadOnlyDictionary<string, Reschedule[]> Reschedules)
{
    public Commitment Commitment => View.State;
    public CsoView[] Cso => View.Cso;
    public DateOnly Today => View.Day;
    public DateOnly? AsOf => View.AsOf;

    public Shown? Text(Dictionary<string, string>? text) => Shown.Of(text, Commitment.DefaultLanguage);
}

/// <summary>A commitment now or as of the end of a day, through <see cref="CommitmentReads"/>, with its history up to then.</summary>
public sealed class CommitmentRead(CommitmentReads commitments, ActionPlanReads plans, MemberReads members)
{
    public async Task<CommitmentSheet?> Read(string id, DateOnly? asOf, bool withHistory, CancellationToken ct)
    {
        var key = id.Trim();
        if (key.Length is 0 or > 64) return null;
        var view = await commitments.Find(key, asOf, SiteReads.Lang, ct);
        if (view is null) return null;
        var cutoff = asOf is { } d ? BusinessDay.EndOf(d) : DateTimeOffset.MaxValue;
        var history = withHistory ? (await commitments.History(view.State.Id, ct)).Where(e => e.At < cutoff).ToList() : [];
        var reschedules = history.Select(e => e.Data).OfType<MilestoneRescheduled>().GroupBy(r => r.MilestoneId)
            .ToDictionary(g => g.Key, g => g.Select(r => new Reschedule(r.PreviousStart, r.PreviousDue, r.Start, r.Due, r.Reason, r.At)).ToArray());
        return new CommitmentSheet(view, await plans.Find(view.State.PlanId, ct), await members.Find(view.State.MemberCode, ct), history, reschedules);
    }
}
