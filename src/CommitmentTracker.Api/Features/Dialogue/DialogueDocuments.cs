using CommitmentTracker.Features.Dialogue.Comments;
using CommitmentTracker.Features.Dialogue.Responses;
using CommitmentTracker.Features.MilestoneAssessments;
using Marten;
using Marten.Services.BatchQuerying;

namespace CommitmentTracker.Features.Dialogue;

/// <summary>Every dialogue document of one or more commitments: comments, responses, CSO views of milestones.</summary>
public sealed record DialogueDocuments(
    IReadOnlyList<Comment> Comments, IReadOnlyList<AssessmentResponses> Responses, IReadOnlyList<CsoMilestoneAssessment> MilestoneAssessments)
{
    public static readonly DialogueDocuments None = new([], [], []);

    /// <summary>Adds the three queries to a batch (so a commitment read stays one round trip); await the result after Execute.</summary>
    public static Func<Task<DialogueDocuments>> In(IBatchedQuery batch, IReadOnlyCollection<string> commitmentIds)
    {
        var ids = commitmentIds.ToArray();
        var comments = batch.Query<Comment>().Where(c => ids.Contains(c.CommitmentId)).ToList();
        var responses = batch.Query<AssessmentResponses>().Where(r => ids.Contains(r.CommitmentId)).ToList();
        var milestones = batch.Query<CsoMilestoneAssessment>().Where(a => ids.Contains(a.CommitmentId)).ToList();
        return async () => new DialogueDocuments(await comments, await responses, await milestones);
    }

    public static async Task<DialogueDocuments> Load(IQuerySession session, IReadOnlyCollection<string> commitmentIds, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var result = In(batch, commitmentIds);
        await batch.Execute(ct);
        return await result();
    }

    /// <summary>This commitment's part of documents loaded for several.</summary>
    public DialogueDocuments For(string commitmentId) => new(
        Comments.Where(c => c.CommitmentId == commitmentId).ToList(), Responses.Where(r => r.CommitmentId == commitmentId).ToList(),
        MilestoneAssessments.Where(a => a.CommitmentId == commitmentId).ToList());

    /// <summary>The responses to one CSO's assessment (by its stream), or to the IRM's.</summary>
    public AssessmentResponses? ResponsesTo(string commitmentId, AnsweredAssessment assessment, string? organisation) =>
        Responses.FirstOrDefault(r => r.Id == AssessmentResponses.StreamFor(commitmentId, assessment, organisation));
}
