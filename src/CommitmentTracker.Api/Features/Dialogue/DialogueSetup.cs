using CommitmentTracker.Features.Dialogue.Comments;
using CommitmentTracker.Features.Dialogue.Responses;
using CommitmentTracker.Features.MilestoneAssessments;
using JasperFx.Events.Projections;
using CommitmentTracker.Infrastructure.Marten;
using Marten;

namespace CommitmentTracker.Features.Dialogue;

/// <summary>The dialogue around a commitment: responses to assessments, comments, and CSO views of milestones.</summary>
public static class DialogueSetup
{
    public static IServiceCollection AddDialogue(this IServiceCollection services) => services
        .AddSingleton<CommentBudget>()
        .AddScoped<CommentsEndpoints.CommentWriter>()
        .AddScoped<ResponsesEndpoints.Responder>();

    public static IEndpointRouteBuilder MapDialogue(this IEndpointRouteBuilder app) => app
        .MapComments()
        .MapAssessmentResponses()
        .MapMilestoneAssessments();
}
