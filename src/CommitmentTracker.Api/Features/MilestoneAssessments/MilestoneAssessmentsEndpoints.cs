using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.MilestoneAssessments;

public static class MilestoneAssessmentsEndpoints
{
    public static IEndpointRouteBuilder MapMilestoneAssessments(this IEndpointRouteBuilder app)
    {
        var cso = app.MapGroup("/api/commitments/{id}/milestones/{milestoneId}/assessments/cso").WithTags("Assessments");
        cso.MapPost("/", File).RequireAuthorization(AuthSetup.Writer)
            .WithSummary("File a CSO's view of one milestone (cso role): OCDS status, comment, evidence. If-Match applies to that CSO's stream for the milestone.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        cso.MapGet("/", List).WithSummary("Every CSO's assessments of the milestone, each with its full history.").ProducesProblem(404);
        return app;
    }

    public static async Task<Created<CsoMilestoneAssessment>> File(
        string id, string milestoneId, AssessMilestone command, IQuerySession session, StreamWrites writes, Actor actor, TimeProvider clock, HttpContext http)
    {
        actor.EnsureRole(Roles.Cso, Roles.Admin);
        var commitment = await session.LoadAsync<Commitment>(id.ToUpperInvariant(), http.RequestAborted) ?? throw new ResourceNotFound("Commitment", id);
        var now = clock.GetUtcNow();
        var filed = AssessMilestone.Decide(commitment, new(command, milestoneId, actor.Organisation, actor.Id, now));
        var planStart = await EffectiveDate.PlanStart(session, command.EffectiveOn, commitment.PlanId, http.RequestAborted);
        var saved = await writes.AppendOrStart<CsoMilestoneAssessment>("CSO milestone assessment", filed.AssessmentId, http.Request.ExpectedVersion(),
            stream => [filed with { At = EffectiveDate.At(command.EffectiveOn, now, planStart, stream?.Latest.At) }], http.RequestAborted);
        http.Response.SetETag(saved.Version);
        return TypedResults.Created($"/api/commitments/{commitment.Id}/milestones/{filed.MilestoneId}/assessments/cso", saved);
    }

    private static async Task<Ok<CsoMilestoneAssessment[]>> List(string id, string milestoneId, IQuerySession session, HttpContext http)
    {
        var commitment = await session.LoadAsync<Commitment>(id.ToUpperInvariant(), http.RequestAborted) ?? throw new ResourceNotFound("Commitment", id);
        var milestone = CommitmentRules.Find(commitment, milestoneId);
        var all = await session.Query<CsoMilestoneAssessment>().Where(a => a.MilestoneId == milestone.Id).OrderBy(a => a.Organisation).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(all.ToArray());
    }
}
