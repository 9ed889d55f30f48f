using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Commitments;

/// <summary>Move a milestone's dates; the old dates stay in the history.</summary>
public sealed record RescheduleMilestone(DateOnly? Start, [property: Required] DateOnly? Due, [property: Required] string? Reason) : EffectiveWrite
{
    /// <summary>The command: the milestone, what the client sent, who and when.</summary>
    public sealed record Command(string MilestoneId, RescheduleMilestone Body, string By, DateTimeOffset Now);

    public static object[] Decide(Commitment s, Command command)
    {
        var c = command.Body;
        CommitmentRules.EnsureNotWithdrawn(s);
        var milestone = CommitmentRules.Find(s, command.MilestoneId);
        var errors = new FieldErrors();
        var start = c.Start ?? milestone.Start;
        CommitmentRules.ValidateDates(errors, start, c.Due);
        CommitmentRules.RequireReason(errors, c.Reason);
        if (c.Due == milestone.Due && start == milestone.Start) errors.Add("due", "is the same as the current schedule.");
        errors.ThrowIfAny();
        return [new MilestoneRescheduled(s.Id, milestone.Id, milestone.Start, milestone.Due, start, c.Due!.Value, c.Reason!.Trim(), command.By, command.Now)];
    }

    // POST /api/commitments/{id}/milestones/{milestoneId}/reschedule, and the workspace's form of it.
    public static Task<Ok<CommitmentResponse>> Handle(string id, string milestoneId, RescheduleMilestone c, CommitmentWrites x) =>
        x.Write(id, c.EffectiveOn, (s, at) => Decide(s, new(milestoneId, c, x.Actor.Id, at)));
}
