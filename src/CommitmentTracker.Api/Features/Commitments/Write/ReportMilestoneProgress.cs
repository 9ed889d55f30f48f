using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Commitments;

/// <summary>
/// Report progress on a milestone: 0..100. Without <c>status</c>, 100 means Met; otherwise Scheduled until the due date,
/// then PartiallyMet (some progress) or NotMet.
/// </summary>
public sealed record ReportMilestoneProgress([property: Required] int? Percent, MilestoneStatus? Status, string? Note, EvidenceLink[]? Evidence) : EffectiveWrite
{
    /// <summary>The command: the milestone, what the client sent, who and when (the day decides the default status).</summary>
    public sealed record Command(string MilestoneId, ReportMilestoneProgress Body, string By, DateTimeOffset Now);

    public static object[] Decide(Commitment s, Command command)
    {
        var c = command.Body;
        CommitmentRules.EnsureNotWithdrawn(s);
        var milestone = CommitmentRules.Find(s, command.MilestoneId);
        var errors = new FieldErrors();
        errors.Required("percent", c.Percent);
        if (c.Percent is < 0 or > 100) errors.Add("percent", "must be between 0 and 100.");
        errors.MaxLength("note", c.Note, 5000);
        var evidence = CommitmentRules.Evidence(errors, c.Evidence, s.PlanId);
        if (c.Status == MilestoneStatus.Met && c.Percent is < 100) errors.Add("status", "Met needs percent 100.");
        if (c.Status == MilestoneStatus.Scheduled && c.Percent == 100) errors.Add("status", "a milestone at 100% is Met, not Scheduled.");
        errors.ThrowIfAny();
        var percent = c.Percent!.Value;
        var status = c.Status ?? (percent == 100 ? MilestoneStatus.Met
            : milestone.Due >= DateOnly.FromDateTime(command.Now.UtcDateTime) ? MilestoneStatus.Scheduled
            : percent > 0 ? MilestoneStatus.PartiallyMet : MilestoneStatus.NotMet);
        return [new MilestoneProgressReported(s.Id, milestone.Id, percent, status, milestone.Status, c.Note, evidence, command.By, command.Now)];
    }

    // POST /api/commitments/{id}/milestones/{milestoneId}/progress, and the workspace's form of it. (An XML summary here would replace the route's in OpenAPI.)
    public static Task<Ok<CommitmentResponse>> Handle(string id, string milestoneId, ReportMilestoneProgress c, CommitmentWrites x) =>
        x.Write(id, c.EffectiveOn, (s, at) => Decide(s, new(milestoneId, c, x.Actor.Id, at)));
}
