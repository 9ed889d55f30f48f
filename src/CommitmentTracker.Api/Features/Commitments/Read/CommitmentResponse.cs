using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Dialogue;
using CommitmentTracker.Features.Dialogue.Comments;
using CommitmentTracker.Features.Dialogue.Responses;
using CommitmentTracker.Features.MilestoneAssessments;
using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.Commitments;

public sealed record MilestoneResponse(
    string Id, string? Title, IReadOnlyDictionary<string, string> TitleTranslations, string? Deliverable,
    string? ResponsibleInstitution, DateOnly Start, DateOnly Due, decimal? Weight, MilestoneStatus Status, int Progress,
    bool Overdue, EvidenceLink[] Evidence)
{
    /// <summary>Each CSO's view of this milestone, beside the PoC's progress report.</summary>
    public CsoMilestoneView[] CsoAssessments { get; init; } = [];

    /// <summary>The discussion of this milestone.</summary>
    public CommentView[] Comments { get; init; } = [];
}

/// <summary>The IRM's view, with starred derived.</summary>
public sealed record IrmResponse(IrmDesign? Design, IrmResults? Results, bool Starred)
{
    /// <summary>How many verdicts the IRM has recorded: the version a response answers.</summary>
    public int Revision { get; init; }

    /// <summary>The government's responses to the IRM's assessment.</summary>
    public ResponseView[] Responses { get; init; } = [];

    public static IrmResponse? Of(Commitment c, CommitmentDialogue dialogue) => c.Irm is { } irm
        ? new IrmResponse(irm.Design, irm.Results, irm.Starred) { Revision = Math.Max(1, irm.Revision), Responses = dialogue.IrmResponses }
        : null;
}

/// <summary>One CSO's latest view.</summary>
public sealed record CsoView(string Organisation, Completion Completion, string Comment, EvidenceLink[] Evidence, string By, DateTimeOffset At, int Assessments)
{
    /// <summary>The government's responses to this CSO's assessment; <c>Assessments</c> is the version the latest answers.</summary>
    public ResponseView[] Responses { get; init; } = [];
}

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
    /// <summary>The discussion of the commitment itself (a milestone's is on the milestone).</summary>
    public CommentView[] Comments { get; init; } = [];

    public static CommitmentResponse From(Commitment c, CsoView[] cso, IReadOnlyList<string> lang, DateOnly today, DateOnly? asOf = null, CommitmentDialogue? dialogue = null)
    {
        dialogue ??= CommitmentDialogue.None;
        string? Text(Dictionary<string, string>? text) => LocalizedText.Resolve(text, lang, c.DefaultLanguage);
        var milestones = c.Milestones.Select(m => new MilestoneResponse(
            m.Id, Text(m.Title), m.Title, Text(m.Deliverable), m.ResponsibleInstitution, m.Start, m.Due, m.Weight,
            m.Status, m.Progress, m.IsOverdue(today), m.Evidence)
            { CsoAssessments = dialogue.MilestoneAssessments[m.Id].ToArray(), Comments = dialogue.CommentsOn(m.Id) }).ToArray();
        return new CommitmentResponse(
            c.Id, c.PlanId, c.MemberCode, Text(c.Title), c.Title, Text(c.Description), Text(c.Problem), Text(c.Objective),
            c.LeadInstitution, c.SupportingInstitutions, c.PolicyAreas, c.OgpValues, c.Subnational, c.Completion, c.Withdrawn,
            c.Progress, milestones.Count(m => m.Overdue), milestones, c.CreatedAt, c.UpdatedAt,
            new Assessments(c.Self, cso, IrmResponse.Of(c, dialogue)), c.Version, asOf)
        { Comments = dialogue.CommentsOn(null) };
    }
}
