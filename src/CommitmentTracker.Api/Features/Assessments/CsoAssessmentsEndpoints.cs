using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Assessments;

public static class CsoAssessmentsEndpoints
{
    public static IEndpointRouteBuilder MapCsoAssessments(this IEndpointRouteBuilder app)
    {
        var cso = app.MapGroup("/api/commitments/{id}/assessments/cso").WithTags("Assessments");
        cso.MapPost("/", File).RequireAuthorization(AuthSetup.Writer)
            .WithSummary("File a CSO assessment (cso role), in the stream of the key's organisation. If-Match applies to that stream.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        cso.MapGet("/", List).WithSummary("Every CSO's assessments of the commitment, each with its full history.").ProducesProblem(404);
        return app;
    }

    // POST /api/commitments/{id}/assessments/cso, and the workspace's form of it.
    public static async Task<Created<CsoAssessment>> File(
        string id, FileCsoAssessment command, IQuerySession session, StreamWrites writes, Actor actor, TimeProvider clock, HttpContext http)
    {
        actor.EnsureRole(Roles.Cso, Roles.Admin);
        var commitment = await session.LoadAsync<Commitment>(id.ToUpperInvariant(), http.RequestAborted) ?? throw new ResourceNotFound("Commitment", id);
        var now = clock.GetUtcNow();
        var filed = FileCsoAssessment.Decide(commitment, new(command, actor.Organisation, actor.Id, now));
        var planStart = await EffectiveDate.PlanStart(session, command.EffectiveOn, commitment.PlanId, http.RequestAborted);
        var saved = await writes.AppendOrStart<CsoAssessment>("CSO assessment", filed.AssessmentId, http.Request.ExpectedVersion(),
            stream => [filed with { At = EffectiveDate.At(command.EffectiveOn, now, planStart, stream?.Latest.At) }], http.RequestAborted);
        http.Response.SetETag(saved.Version);
        return TypedResults.Created($"/api/commitments/{commitment.Id}/assessments/cso", saved);
    }

    private static async Task<Ok<CsoAssessment[]>> List(string id, IQuerySession session, HttpContext http)
    {
        var commitmentId = id.ToUpperInvariant();
        if (await session.LoadAsync<Commitment>(commitmentId, http.RequestAborted) is null) throw new ResourceNotFound("Commitment", id);
        var all = await session.Query<CsoAssessment>().Where(a => a.CommitmentId == commitmentId).OrderBy(a => a.Organisation).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(all.ToArray());
    }
}
