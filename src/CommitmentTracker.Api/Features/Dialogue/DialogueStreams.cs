using CommitmentTracker.Features.Dialogue.Comments;
using CommitmentTracker.Features.Dialogue.Responses;
using CommitmentTracker.Features.MilestoneAssessments;
using Marten;

namespace CommitmentTracker.Features.Dialogue;

/// <summary>The dialogue streams of some commitments: comments, responses to assessments, CSO views of milestones.</summary>
public static class DialogueStreams
{
    public static async Task<IReadOnlyList<string>> Of(IQuerySession session, string[] commitments, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var comments = batch.Query<Comment>().Where(c => commitments.Contains(c.CommitmentId)).Select(c => c.Id).ToList();
        var responses = batch.Query<AssessmentResponses>().Where(r => commitments.Contains(r.CommitmentId)).Select(r => r.Id).ToList();
        var milestones = batch.Query<CsoMilestoneAssessment>().Where(a => commitments.Contains(a.CommitmentId)).Select(a => a.Id).ToList();
        await batch.Execute(ct);
        return [.. await comments, .. await responses, .. await milestones];
    }
}
