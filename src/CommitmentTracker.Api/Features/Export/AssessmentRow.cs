using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Dialogue.Comments;
using CommitmentTracker.Features.MilestoneAssessments;

namespace CommitmentTracker.Features.Export;

/// <summary>
/// One commitment in assessments.json: the government's self-assessment, each CSO's and the IRM's side by side, with
/// the responses to them, each CSO's view of each milestone beside its status, and the discussion. The parts are REST's
/// own (<see cref="CommitmentResponse"/>), so the file and the API show the same thing.
/// </summary>
public sealed record AssessmentRow(
    string Id, string Member, string ActionPlan, string? Title, IReadOnlyDictionary<string, string> TitleTranslations, Completion Completion,
    decimal Progress, int OverdueMilestones, Commitments.Assessments Assessments, MilestoneAssessmentRow[] Milestones, CommentView[] Comments, DateOnly JudgedOn)
{
    public static AssessmentRow From(CommitmentView view)
    {
        var r = view.Response;
        return new AssessmentRow(r.Id, r.MemberCode, r.PlanId, r.Title, r.TitleTranslations, r.Completion, r.Progress, r.OverdueMilestones,
            r.Assessments, r.Milestones.Select(MilestoneAssessmentRow.From).ToArray(), r.Comments, view.Day);
    }
}

/// <summary>A milestone's status as the PoC reports it, beside each CSO's view of it, and its discussion.</summary>
public sealed record MilestoneAssessmentRow(
    string Id, string? Title, DateOnly Due, MilestoneStatus Status, int Progress, bool Overdue, CsoMilestoneView[] CsoAssessments, CommentView[] Comments)
{
    public static MilestoneAssessmentRow From(MilestoneResponse m) =>
        new(m.Id, m.Title, m.Due, m.Status, m.Progress, m.Overdue, m.CsoAssessments, m.Comments);
}
