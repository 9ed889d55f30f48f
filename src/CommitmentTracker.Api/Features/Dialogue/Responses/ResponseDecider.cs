using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.Dialogue.Responses;

public static class ResponseDecider
{
    public const int MaxTextLength = 5000;

    /// <param name="currentVersion">The answered assessment's version now (its filings, or the IRM's verdicts).</param>
    public static AssessmentAnswered Decide(
        Commitment commitment, AnsweredAssessment assessment, string? organisation, long currentVersion, AnswerAssessment c, Actor actor, DateTimeOffset now)
    {
        // The government answers: the PoC of the commitment's member, or an admin.
        actor.EnsureCanWriteMember(commitment.MemberCode);
        var errors = new FieldErrors();
        errors.Required("stance", c.Stance);
        var text = LocalizedText.Validate(errors, "text", c.Text, MaxTextLength);
        var evidence = CommitmentRules.Evidence(errors, c.Evidence, commitment.PlanId);
        if (c.AssessmentVersion is { } v && (v < 1 || v > currentVersion))
            errors.Add("assessmentVersion", $"must be a version of this assessment, 1 to {currentVersion}.");
        errors.ThrowIfAny();
        return new AssessmentAnswered(AssessmentResponses.StreamFor(commitment.Id, assessment, organisation), commitment.Id, assessment,
            organisation, c.AssessmentVersion ?? currentVersion, c.Stance!.Value, text!, evidence, actor.Name, actor.Role,
            actor.Organisation, actor.Id, now);
    }
}
