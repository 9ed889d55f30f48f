using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.Commitments;

namespace CommitmentTracker.Features.Assessments;

/// <summary>A CSO's assessment: its view of completion, a comment, and evidence. Filed under the key's organisation.</summary>
public sealed record FileCsoAssessment([property: Required] Completion? Completion, [property: Required] string? Comment, EvidenceLink[]? Evidence) : EffectiveWrite
{
    /// <summary>The command: what the client sent, the key's organisation, who and when.</summary>
    public sealed record Command(FileCsoAssessment Body, string Organisation, string By, DateTimeOffset Now);

    /// <summary>Allowed on a withdrawn commitment too: why it was dropped is part of civil society's view.</summary>
    public static CsoAssessmentFiled Decide(Commitment commitment, Command command)
    {
        var (c, organisation) = (command.Body, command.Organisation);
        var errors = new FieldErrors();
        errors.Required("completion", c.Completion).Required("comment", c.Comment).MaxLength("comment", c.Comment, 20000);
        var evidence = CommitmentRules.Evidence(errors, c.Evidence, commitment.PlanId);
        if (string.IsNullOrWhiteSpace(organisation)) errors.Add("organisation", "the API key names no organisation.");
        errors.ThrowIfAny();
        return new CsoAssessmentFiled(CsoAssessment.IdFor(commitment.Id, organisation), commitment.Id, organisation.Trim(),
            c.Completion!.Value, c.Comment!.Trim(), evidence, command.By, command.Now);
    }
}
