using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Dialogue.Comments;
using CommitmentTracker.Features.Dialogue.Responses;
using CommitmentTracker.Features.MilestoneAssessments;

namespace CommitmentTracker.Features.Dialogue;

/// <summary>
/// The dialogue part of a commitment's public view, as of its cut-off: the discussion (top-level comments with their
/// replies, on the commitment or a milestone), the government's responses to the IRM, each CSO's view of each milestone,
/// and the streams all of it lives in (for the history). Responses to CSOs sit on each <see cref="CsoView"/>.
/// </summary>
public sealed record CommitmentDialogue(
    CommentView[] Comments, ResponseView[] IrmResponses, ILookup<string, CsoMilestoneView> MilestoneAssessments, string[] Streams)
{
    public static readonly CommitmentDialogue None = new([], [], Array.Empty<CsoMilestoneView>().ToLookup(_ => ""), []);

    /// <summary>The threads on the commitment itself (<paramref name="milestoneId"/> null) or on one milestone.</summary>
    public CommentView[] CommentsOn(string? milestoneId) => Comments.Where(c => c.MilestoneId == milestoneId).ToArray();

    public static CommitmentDialogue Of(Commitment state, DialogueDocuments docs, DateTimeOffset cutoff, IReadOnlyList<string> lang)
    {
        var irmVersion = state.Irm is { } irm ? Math.Max(1, irm.Revision) : 0;
        return new CommitmentDialogue(
            CommentView.Threads(docs.Comments, cutoff),
            ResponseView.Of(docs.ResponsesTo(state.Id, AnsweredAssessment.Irm, null), irmVersion, cutoff, lang, state.DefaultLanguage),
            CsoMilestoneView.ByMilestone(docs.MilestoneAssessments, cutoff),
            [.. docs.Comments.Select(c => c.Id), .. docs.Responses.Select(r => r.Id), .. docs.MilestoneAssessments.Select(a => a.Id)]);
    }

    /// <summary>Each CSO view with the government's responses to that CSO's assessment beside it.</summary>
    public static CsoView[] Answered(CsoView[] cso, Commitment state, DialogueDocuments docs, DateTimeOffset cutoff, IReadOnlyList<string> lang) =>
        cso.Select(v => v with
        {
            Responses = ResponseView.Of(docs.ResponsesTo(state.Id, AnsweredAssessment.Cso, v.Organisation), v.Assessments, cutoff, lang, state.DefaultLanguage),
        }).ToArray();
}
