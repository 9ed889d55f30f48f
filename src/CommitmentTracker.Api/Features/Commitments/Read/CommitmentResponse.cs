using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.Commitments;

public sealed record MilestoneResponse(
    string Id, string? Title, IReadOnlyDictionary<string, string> TitleTranslations, string? Deliverable,
    string? ResponsibleInstitution, DateOnly Start, DateOnly Due, decimal? Weight, MilestoneStatus Status, int Progress,
    bool Overdue, EvidenceLink[] Evidence);

/// <summary>The IRM's view, with starred derived.</summary>
public sealed record IrmResponse(IrmDesign? Design, IrmResults? Results, bool Starred);

/// <summary>One CSO's latest view.</summary>
public sealed record CsoView(string Organisation, Completion Completion, string Comment, EvidenceLink[] Evidence, string By, DateTimeOffset At, int Assessments);

/// <summary>The three independent views, side by side.</summary>
public sealed record Assessments(SelfAssessment? Self, CsoView[] Cso, IrmResponse? Irm);

/// <summary>A commitment as REST returns it: text in the requested language, progress and overdue as of today.</summary>
public sealed record CommitmentResponse(
    string Id, string PlanId, string MemberCode, string? Title, IReadOnlyDictionary<string, string> TitleTranslations,
    string? Description, string? Problem, string? Objective, Institution LeadInstitution, Institution[] SupportingInstitutions,
    PolicyArea[] PolicyAreas, OgpValue[] OgpValues, bool Subnational, Completion Completion, bool Withdrawn,
    decimal Progress, int OverdueMilestones, MilestoneResponse[] Milestones, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    Assessments Assessments, int Version, DateOnly? AsOf)
{
    public static CommitmentResponse From(Commitment c, CsoView[] cso, IReadOnlyList<string> lang, DateOnly today, DateOnly? asOf = null)
    {
        string? Text(Dictionary<string, string>? text) => LocalizedText.Resolve(text, lang, c.DefaultLanguage);
        var milestones = c.Milestones.Select(m => new MilestoneResponse(
            m.Id, Text(m.Title), m.Title, Text(m.Deliverable), m.ResponsibleInstitution, m.Start, m.Due, m.Weight,
            m.Status, m.Progress, m.IsOverdue(today), m.Evidence)).ToArray();
        return new CommitmentResponse(
            c.Id, c.PlanId, c.MemberCode, Text(c.Title), c.Title, Text(c.Description), Text(c.Problem), Text(c.Objective),
            c.LeadInstitution, c.SupportingInstitutions, c.PolicyAreas, c.OgpValues, c.Subnational, c.Completion, c.Withdrawn,
            c.Progress, milestones.Count(m => m.Overdue), milestones, c.CreatedAt, c.UpdatedAt,
            new Assessments(c.Self, cso, c.Irm is { } irm ? new IrmResponse(irm.Design, irm.Results, irm.Starred) : null), c.Version, asOf);
    }
}
