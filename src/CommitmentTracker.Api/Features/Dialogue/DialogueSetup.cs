using CommitmentTracker.Features.Dialogue.Comments;
using CommitmentTracker.Features.Dialogue.Responses;
using CommitmentTracker.Features.MilestoneAssessments;
using JasperFx.Events.Projections;
using Marten;

namespace CommitmentTracker.Features.Dialogue;

/// <summary>The dialogue around a commitment: responses to assessments, comments, and CSO views of milestones.</summary>
public static class DialogueSetup
{
    /// <summary>The read models, each an inline snapshot of its own streams, found by commitment.</summary>
    public static readonly Type[] ReadModels = [typeof(Comment), typeof(AssessmentResponses), typeof(CsoMilestoneAssessment)];

    public static void AddDialogueReadModels(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Comment>(SnapshotLifecycle.Inline);
        opts.Schema.For<Comment>().Index(c => c.CommitmentId);
        opts.Projections.Snapshot<AssessmentResponses>(SnapshotLifecycle.Inline);
        opts.Schema.For<AssessmentResponses>().Index(r => r.CommitmentId);
        opts.Projections.Snapshot<CsoMilestoneAssessment>(SnapshotLifecycle.Inline);
        opts.Schema.For<CsoMilestoneAssessment>().Index(a => a.CommitmentId);
    }

    public static IServiceCollection AddDialogue(this IServiceCollection services) => services
        .AddCommentRateLimit()
        .AddScoped<CommentsEndpoints.CommentWriter>()
        .AddScoped<ResponsesEndpoints.Responder>();

    public static IEndpointRouteBuilder MapDialogue(this IEndpointRouteBuilder app) => app
        .MapComments()
        .MapAssessmentResponses()
        .MapMilestoneAssessments();
}
