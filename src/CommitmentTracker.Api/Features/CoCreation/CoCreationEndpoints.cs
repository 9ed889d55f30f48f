using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.CoCreation;

public static class CoCreationEndpoints
{
    public static IEndpointRouteBuilder MapCoCreation(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/action-plans/{id}/co-creation").WithTags("Co-creation").RequireAuthorization(AuthSetup.Writer);
        g.MapPut("/level", Level)
            .WithSummary("Record the level of public influence (IAP2) and whether a multi-stakeholder forum exists (the plan's PoC or an admin, in Draft or CoCreation).")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapPost("/meetings", Meeting)
            .WithSummary("Record a forum meeting: date, participants by sector, minutes as a url or an uploaded document (in Draft or CoCreation).")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapPut("/reasoned-response", ReasonedResponse)
            .WithSummary("Point the plan's reasoned response to a url or an uploaded document (in Draft or CoCreation).")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static Task<Ok<ActionPlanResponse>> Level(string id, RecordCoCreationLevel command, StreamWrites writes, Actor actor, TimeProvider clock, HttpContext http) =>
        ActionPlansEndpoints.Write(id, writes, actor, http, p => CoCreationDecider.Decide(p, command, actor.Id, clock.GetUtcNow()));

    private static Task<Ok<ActionPlanResponse>> Meeting(string id, RecordForumMeeting command, StreamWrites writes, Actor actor, TimeProvider clock, HttpContext http) =>
        ActionPlansEndpoints.Write(id, writes, actor, http, p => CoCreationDecider.Decide(p, command, actor.Id, clock.GetUtcNow()));

    private static Task<Ok<ActionPlanResponse>> ReasonedResponse(string id, PublishReasonedResponse command, StreamWrites writes, Actor actor, TimeProvider clock, HttpContext http) =>
        ActionPlansEndpoints.Write(id, writes, actor, http, p => CoCreationDecider.Decide(p, command, actor.Id, clock.GetUtcNow()));
}
