using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Http;

namespace CommitmentTracker.Features.Assessments;

public static class AssessmentDecider
{
    public static CsoAssessmentFiled Decide(Commitment commitment, FileCsoAssessment c, string organisation, string by, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.Required("completion", c.Completion).Required("comment", c.Comment).MaxLength("comment", c.Comment, 20000);
        CommitmentDecider.ValidateEvidence(errors, c.Evidence);
        if (string.IsNullOrWhiteSpace(organisation)) errors.Add("organisation", "the API key names no organisation.");
        errors.ThrowIfAny();
        return new CsoAssessmentFiled(CsoAssessment.IdFor(commitment.Id, organisation), commitment.Id, organisation.Trim(),
            c.Completion!.Value, c.Comment!.Trim(), c.Evidence ?? [], by, now);
    }

    public static object[] Decide(Commitment s, RecordIrmAssessment c, string by, DateTimeOffset now)
    {
        CommitmentDecider.EnsureNotWithdrawn(s);
        var errors = new FieldErrors();
        if (c.Design is null && c.Results is null) errors.Add("body", "needs design, results, or both.");
        if (c.Design is { } d)
        {
            errors.Required("design.verifiable", d.Verifiable).Required("design.openGovernmentLens", d.OpenGovernmentLens)
                .Required("design.potentialForResults", d.PotentialForResults).Required("design.promising", d.Promising)
                .MaxLength("design.comment", d.Comment, 20000);
        }
        if (c.Results is { } r)
        {
            errors.Required("results.completion", r.Completion).Required("results.didItOpenGovernment", r.DidItOpenGovernment)
                .MaxLength("results.comment", r.Comment, 20000);
            CommitmentDecider.ValidateEvidence(errors, r.Evidence, "results.evidence");
        }
        errors.ThrowIfAny();
        var events = new List<object>();
        if (c.Design is { } design)
            events.Add(new IrmDesignAssessed(s.Id, design.Verifiable!.Value, design.OpenGovernmentLens!.Value,
                design.PotentialForResults!.Value, design.Promising!.Value, design.Comment, by, now));
        if (c.Results is { } results)
            events.Add(new IrmResultsAssessed(s.Id, results.Completion!.Value, results.DidItOpenGovernment!.Value, results.Comment,
                results.Evidence ?? [], by, now));
        return events.ToArray();
    }
}
