using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Localization;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.ActionPlans;

public static class ActionPlansEndpoints
{
    public static IEndpointRouteBuilder MapActionPlans(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/action-plans").WithTags("Action plans");
        plans.MapPost("/", Draft).RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Draft an action plan for a member (that member's PoC, or an admin).")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409);
        plans.MapPost("/{id}/status", Move).RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Move the plan along its lifecycle, with a reason; an illegal move is 409.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        plans.MapPatch("/{id}", Revise).RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Revise the plan's title (until it is withdrawn) or its period (in Draft or CoCreation), with a reason.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        plans.MapGet("/{id}/history", History).WithSummary("Every event of the plan, in order: what, when, who, why.").ProducesProblem(404);
        plans.MapGet("/{id}", Get).WithSummary("Read one action plan; ?asOf=2024-08-30 rebuilds it as of the end of that day.").ProducesProblem(404);
        plans.MapGet("/", List).WithSummary("List action plans, paged and sorted; filter by member and status.")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Created<ActionPlanResponse>> Draft(
        DraftActionPlan command, StreamWrites writes, Actor actor, TimeProvider clock, HttpContext http)
    {
        var drafted = await writes.Start<ActionPlan, ActionPlanDrafted>(async session =>
        {
            var code = command.MemberCode?.Trim().ToUpperInvariant();
            var member = code is null ? null : await session.LoadAsync<Member>(code, http.RequestAborted);
            if (member is not null) actor.EnsureCanWriteMember(member.Id);
            var taken = member is null ? 0 : await session.Query<ActionPlan>().Where(p => p.MemberCode == member.Id)
                .OrderByDescending(p => p.Sequence).Select(p => p.Sequence).FirstOrDefaultAsync(http.RequestAborted);
            var drafted = DraftActionPlan.Decide(command, member, taken + 1, actor.Id, EffectiveDate.At(command.EffectiveOn, clock.GetUtcNow(), null, null));
            return (drafted.PlanId, drafted, command.Sequence is null);
        }, http.RequestAborted);
        var plan = ActionPlan.Create(drafted) with { Version = 1 };
        http.Response.SetETag(plan.Version);
        return TypedResults.Created($"/api/action-plans/{plan.Id}", ActionPlanResponse.From(plan, LocalizedText.RequestedLanguages(http.Request)));
    }

    // POST /api/action-plans/{id}/status, and the workspace's form of it.
    public static Task<Ok<ActionPlanResponse>> Move(
        string id, MoveActionPlan command, StreamWrites writes, Actor actor, TimeProvider clock, HttpContext http) =>
        Write(id, writes, actor, http, async (session, p) =>
            MoveActionPlan.Decide(p, command, actor.Id, await EffectiveAt(session, p, command.EffectiveOn, clock, http.RequestAborted)));

    private static async Task<Ok<ActionPlanResponse>> Revise(
        string id, ReviseActionPlan command, StreamWrites writes, Actor actor, TimeProvider clock, HttpContext http)
    {
        var plan = await writes.Append<ActionPlan>("Action plan", id.ToUpperInvariant(), http.Request.ExpectedVersion(), async (session, p) =>
        {
            actor.EnsureCanWriteMember(p.MemberCode);
            var member = await session.LoadAsync<Member>(p.MemberCode, http.RequestAborted);
            return ReviseActionPlan.Decide(p, member!.Kind, command, actor.Id, await EffectiveAt(session, p, command.EffectiveOn, clock, http.RequestAborted));
        }, http.RequestAborted);
        http.Response.SetETag(plan.Version);
        return TypedResults.Ok(ActionPlanResponse.From(plan, LocalizedText.RequestedLanguages(http.Request)));
    }

    /// <summary>
    /// When a write to the plan takes effect: now, or the start of <paramref name="effectiveOn"/>, not in the future and not
    /// before the plan's latest change. Not bounded by the plan's start: drafting and co-creation come before the period.
    /// </summary>
    internal static async Task<DateTimeOffset> EffectiveAt(IQuerySession session, ActionPlan plan, DateOnly? effectiveOn, TimeProvider clock, CancellationToken ct) =>
        effectiveOn is null ? clock.GetUtcNow()
            : EffectiveDate.At(effectiveOn, clock.GetUtcNow(), null, await EffectiveDate.Latest(session, plan.Id, plan.Version, ct));

    /// <summary>One write to a plan's stream by its member's PoC or an admin; the plan comes back with its new ETag.</summary>
    internal static Task<Ok<ActionPlanResponse>> Write(string id, StreamWrites writes, Actor actor, HttpContext http, Func<ActionPlan, object[]> decide) =>
        Write(id, writes, actor, http, (_, p) => Task.FromResult(decide(p)));

    /// <summary>As above, for a decision that reads other rows inside the write's transaction.</summary>
    internal static async Task<Ok<ActionPlanResponse>> Write(string id, StreamWrites writes, Actor actor, HttpContext http, Func<IDocumentSession, ActionPlan, Task<object[]>> decide)
    {
        var plan = await writes.Append<ActionPlan>("Action plan", id.ToUpperInvariant(), http.Request.ExpectedVersion(), async (session, p) =>
        {
            actor.EnsureCanWriteMember(p.MemberCode);
            return await decide(session, p);
        }, http.RequestAborted);
        http.Response.SetETag(plan.Version);
        return TypedResults.Ok(ActionPlanResponse.From(plan, LocalizedText.RequestedLanguages(http.Request)));
    }

    private static async Task<Ok<IReadOnlyList<HistoryEntry>>> History(string id, ActionPlanReads reads, HttpContext http) =>
        TypedResults.Ok(await reads.History(id, http.RequestAborted));

    /// <param name="asOf">yyyy-MM-dd: the plan as it stood at the end of that day, judged by each change's effective date.</param>
    private static async Task<Ok<ActionPlanResponse>> Get(string id, DateOnly? asOf, ActionPlanReads reads, HttpContext http)
    {
        var plan = await reads.Find(id, asOf, http.RequestAborted);
        http.Response.SetETag(plan.Version);
        return TypedResults.Ok(ActionPlanResponse.From(plan, LocalizedText.RequestedLanguages(http.Request)));
    }

    /// <param name="member">Member code, e.g. GE or GE-TBS.</param>
    /// <param name="status">Lifecycle status.</param>
    /// <param name="sort">start, -start, sequence, -sequence, member, -member.</param>
    private static async Task<Ok<Page<ActionPlanResponse>>> List(
        ActionPlanReads reads, HttpContext http, string? member, ActionPlanStatus? status, string? sort, int? page, int? pageSize)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        return TypedResults.Ok(await reads.List(member, status, sort, paging, LocalizedText.RequestedLanguages(http.Request), http.RequestAborted, errors));
    }

    public static IServiceCollection AddActionPlanReads(this IServiceCollection services) => services.AddScoped<ActionPlanReads>();
}
