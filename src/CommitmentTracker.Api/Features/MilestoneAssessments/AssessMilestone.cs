using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.Commitments;

namespace CommitmentTracker.Features.MilestoneAssessments;

/// <summary>A CSO's view of a milestone: its OCDS status as the CSO sees it, why, and evidence.</summary>
public sealed record AssessMilestone([property: Required] MilestoneStatus? Status, [property: Required] string? Comment, EvidenceLink[]? Evidence)
    : EffectiveWrite
{
    /// <summary>The command: what the client sent, the milestone, the key's organisation, who and when.</summary>
    public sealed record Command(AssessMilestone Body, string MilestoneId, string Organisation, string By, DateTimeOffset Now);

    /// <summary>Filed into that CSO's stream for the milestone; allowed whatever the plan's state, like a commitment's.</summary>
    public static CsoMilestoneAssessed Decide(Commitment commitment, Command command)
    {
        var (c, organisation) = (command.Body, command.Organisation);
        var milestone = CommitmentRules.Find(commitment, command.MilestoneId);
        var errors = new FieldErrors();
        errors.Required("status", c.Status).Required("comment", c.Comment).MaxLength("comment", c.Comment, 20000);
        var evidence = CommitmentRules.Evidence(errors, c.Evidence, commitment.PlanId);
        if (string.IsNullOrWhiteSpace(organisation)) errors.Add("organisation", "the API key names no organisation.");
        errors.ThrowIfAny();
        return new CsoMilestoneAssessed(CsoMilestoneAssessment.IdFor(milestone.Id, organisation), commitment.Id, milestone.Id,
            organisation.Trim(), c.Status!.Value, c.Comment!.Trim(), evidence, command.By, command.Now);
    }
}
