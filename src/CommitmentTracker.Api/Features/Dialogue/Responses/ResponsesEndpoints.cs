using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Dialogue.Responses;

public static class ResponsesEndpoints
{
    public static IEndpointRouteBuilder MapAssessmentResponses(this IEndpointRouteBuilder app)
    {
        var assessments = app.MapGroup("/api/commitments/{id}/assessments").WithTags("Dialogue");
        assessments.MapGet("/cso/{organisation}/responses", (string id, string organisation, IQuerySession session, HttpContext http) =>
            List(id, AnsweredAssessment.Cso, organisation, session, http)).WithSummary("The government's responses to one CSO's assessment.").ProducesProblem(404);
        assessments.MapGet("/irm/responses", (string id, IQuerySession session, HttpContext http) =>
            List(id, AnsweredAssessment.Irm, null, session, http)).WithSummary("The government's responses to the IRM's assessment.").ProducesProblem(404);

        var writes = assessments.MapGroup("/").RequireAuthorization(AuthSetup.Writer)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        writes.MapPost("/cso/{organisation}/responses", (string id, string organisation, AnswerAssessment c, Responder x) =>
                x.Answer(id, AnsweredAssessment.Cso, organisation, c))
            .WithSummary("Answer a CSO's assessment (the member's PoC, or an admin): stance, text in any language, evidence. If-Match applies to the response stream.");
        writes.MapPost("/irm/responses", (string id, AnswerAssessment c, Responder x) => x.Answer(id, AnsweredAssessment.Irm, null, c))
            .WithSummary("Answer the IRM's assessment (the member's PoC, or an admin). If-Match applies to the response stream.");
        return app;
    }

    public sealed class Responder(StreamWrites writes, Actor actor, TimeProvider clock, IHttpContextAccessor accessor)
    {
        public async Task<Created<AssessmentResponses>> Answer(string id, AnsweredAssessment assessment, string? organisation, AnswerAssessment command)
        {
            var http = accessor.HttpContext!;
            var ct = http.RequestAborted;
            var now = clock.GetUtcNow();
            var commitmentId = id.ToUpperInvariant();
            var stream = AssessmentResponses.StreamFor(commitmentId, assessment, organisation);
            var saved = await writes.AppendOrStart<AssessmentResponses>("Responses", stream, http.Request.ExpectedVersion(), async (session, state) =>
            {
                // The assessment is read inside the write, so "current" is the version current when the answer lands.
                var commitment = await session.LoadAsync<Commitment>(commitmentId, ct) ?? throw new ResourceNotFound("Commitment", id);
                if (assessment == AnsweredAssessment.Irm)
                {
                    if (commitment.Irm is not { } irm) throw new ResourceNotFound("IRM assessment", commitmentId);
                    return [ResponseDecider.Decide(commitment, assessment, null, Math.Max(1, irm.Revision), command, actor, await At(session, commitment, state, null))];
                }
                var cso = await session.LoadAsync<CsoAssessment>(CsoAssessment.IdFor(commitmentId, organisation!), ct)
                          ?? throw new ResourceNotFound("CSO assessment", organisation!);
                var answered = command.AssessmentVersion is { } v && v >= 1 && v <= cso.History.Length ? cso.History[v - 1] : cso.Latest;
                return [ResponseDecider.Decide(commitment, assessment, cso.Organisation, cso.History.Length, command, actor, await At(session, commitment, state, answered.At))];
            }, ct);
            http.Response.SetETag(saved.Version);
            return TypedResults.Created(Location(commitmentId, assessment, saved.Organisation), saved);

            // Now, or effectiveOn: not in the future, not before the plan's start, the response stream's latest answer, or the CSO filing it answers.
            async Task<DateTimeOffset> At(IDocumentSession session, Commitment commitment, AssessmentResponses? state, DateTimeOffset? filed)
            {
                if (command.EffectiveOn is not { } day) return now;
                var plan = await session.LoadAsync<ActionPlan>(commitment.PlanId, ct) ?? throw new ResourceNotFound("Action plan", commitment.PlanId);
                var at = EffectiveDate.At(day, now, plan.Period.Start, await EffectiveDate.Latest(session, stream, state?.Version ?? 0, ct));
                if (filed is { } f && day < DateOnly.FromDateTime(f.UtcDateTime))
                    throw ValidationFailed.Field("effectiveOn", $"must not be before {f.UtcDateTime:yyyy-MM-dd}, when the assessment it answers was filed.");
                return filed is { } g && g > at ? g : at;
            }
        }
    }

    private static string Location(string commitmentId, AnsweredAssessment assessment, string? organisation) => assessment == AnsweredAssessment.Cso
        ? $"/api/commitments/{commitmentId}/assessments/cso/{Uri.EscapeDataString(organisation!)}/responses"
        : $"/api/commitments/{commitmentId}/assessments/irm/responses";

    private static async Task<Ok<AssessmentResponse[]>> List(string id, AnsweredAssessment assessment, string? organisation, IQuerySession session, HttpContext http)
    {
        var commitmentId = id.ToUpperInvariant();
        if (await session.LoadAsync<Commitment>(commitmentId, http.RequestAborted) is null) throw new ResourceNotFound("Commitment", id);
        var responses = await session.LoadAsync<AssessmentResponses>(AssessmentResponses.StreamFor(commitmentId, assessment, organisation), http.RequestAborted);
        if (responses is not null) http.Response.SetETag(responses.Version);
        return TypedResults.Ok(responses?.Responses ?? []);
    }
}
