using System.Text.RegularExpressions;
using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Localization;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Commitments;

public static partial class CommitmentsEndpoints
{
    [GeneratedRegex("^[A-Z]{2}[0-9]{4}$")] private static partial Regex OgpId();

    public static IEndpointRouteBuilder MapCommitments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/action-plans/{planId}/commitments", Make).WithTags("Commitments").RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Make a commitment in a plan (the member's PoC, or an admin). The id, like GE0066, is assigned when omitted.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var commitments = app.MapGroup("/api/commitments").WithTags("Commitments");
        commitments.MapGet("/{id}", Get).WithSummary("Read a commitment; ?asOf=2024-08-30 rebuilds it as of the end of that day.")
            .ProducesValidationProblem().ProducesProblem(404);
        commitments.MapGet("/{id}/history", History).WithSummary("Every event of the commitment, in order: what, when, who, why.")
            .ProducesProblem(404);

        var writes = commitments.MapGroup("/{id}").RequireAuthorization(AuthSetup.Writer)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        writes.MapPatch("/", (string id, ReviseCommitment c, CommitmentWriter x) =>
            x.Write(id, s => CommitmentDecider.Decide(s, c, x.Actor.Id, x.Now))).WithSummary("Revise details; send If-Match.");
        writes.MapPost("/milestones", AddMilestone).WithSummary("Add a milestone (plan in Draft, CoCreation or Implementation).");
        writes.MapPost("/milestones/{milestoneId}/progress", (string id, string milestoneId, ReportMilestoneProgress c, CommitmentWriter x) =>
            x.Write(id, s => CommitmentDecider.Decide(s, milestoneId, c, x.Actor.Id, x.Now))).WithSummary("Report milestone progress with evidence.");
        writes.MapPost("/milestones/{milestoneId}/reschedule", (string id, string milestoneId, RescheduleMilestone c, CommitmentWriter x) =>
            x.Write(id, s => CommitmentDecider.Decide(s, milestoneId, c, x.Actor.Id, x.Now))).WithSummary("Move a milestone's dates, with a reason.");
        writes.MapPost("/completion", (string id, ChangeCompletion c, CommitmentWriter x) =>
            x.Write(id, s => CommitmentDecider.Decide(s, c, x.Actor.Id, x.Now))).WithSummary("Change the government's self-assessed completion.");
        writes.MapPost("/withdraw", (string id, WithdrawCommitment c, CommitmentWriter x) =>
            x.Write(id, s => CommitmentDecider.Decide(s, c, x.Actor.Id, x.Now))).WithSummary("Withdraw the commitment; later writes are 409.");
        return app;
    }

    /// <summary>What every commitment write needs from the request.</summary>
    public sealed class CommitmentWriter(StreamWrites writes, Actor actor, TimeProvider clock, IHttpContextAccessor accessor)
    {
        public Actor Actor { get; } = actor;
        public DateTimeOffset Now { get; } = clock.GetUtcNow();
        private HttpContext Http => accessor.HttpContext!;
        public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

        public async Task<Ok<CommitmentResponse>> Write(string id, Func<Commitment, object[]> decide)
        {
            var commitment = await writes.Append<Commitment>("Commitment", id.ToUpperInvariant(), Http.Request.ExpectedVersion(), s =>
            {
                Actor.EnsureCanWriteMember(s.MemberCode);
                return decide(s);
            }, Http.RequestAborted);
            Http.Response.SetETag(commitment.Version);
            return TypedResults.Ok(CommitmentResponse.From(commitment, LocalizedText.RequestedLanguages(Http.Request), Today));
        }
    }

    private static async Task<Created<CommitmentResponse>> Make(string planId, MakeCommitment command, IDocumentSession session, CommitmentWriter x, HttpContext http)
    {
        var plan = await session.LoadAsync<ActionPlan>(planId.ToUpperInvariant(), http.RequestAborted) ?? throw new ResourceNotFound("Action plan", planId);
        x.Actor.EnsureCanWriteMember(plan.MemberCode);
        var country = plan.MemberCode[..2];
        var id = command.Id?.Trim().ToUpperInvariant();
        if (id is not null && (!OgpId().IsMatch(id) || !id.StartsWith(country, StringComparison.Ordinal)))
            throw ValidationFailed.Field("id", $"must be the country code and 4 digits, like {country}0066.");
        id ??= await NextId(session, country, http.RequestAborted);
        var made = CommitmentDecider.Decide(command, plan, id, x.Actor.Id, x.Now);
        // Two writers taking the same id collide on the stream key; the loser gets 409 and nothing is written.
        session.Events.StartStream<Commitment>(id, made);
        await session.SaveChangesAsync(http.RequestAborted);
        var commitment = Commitment.Create(made) with { Version = 1 };
        http.Response.SetETag(1);
        return TypedResults.Created($"/api/commitments/{id}", CommitmentResponse.From(commitment, LocalizedText.RequestedLanguages(http.Request), x.Today));
    }

    private static async Task<string> NextId(IQuerySession session, string country, CancellationToken ct)
    {
        var taken = await session.Query<Commitment>().Where(c => c.Id.StartsWith(country))
            .OrderByDescending(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(ct);
        var next = taken is null ? 1 : int.Parse(taken[2..]) + 1;
        return next > 9999 ? throw new RuleConflict($"No commitment ids left for {country}.") : $"{country}{next:D4}";
    }

    private static async Task<Created<CommitmentResponse>> AddMilestone(string id, AddMilestone command, IQuerySession query, CommitmentWriter x, HttpContext http)
    {
        var current = await query.LoadAsync<Commitment>(id.ToUpperInvariant(), http.RequestAborted) ?? throw new ResourceNotFound("Commitment", id);
        var plan = await query.LoadAsync<ActionPlan>(current.PlanId, http.RequestAborted) ?? throw new ResourceNotFound("Action plan", current.PlanId);
        var ok = await x.Write(id, s => CommitmentDecider.Decide(s, plan, command, x.Actor.Id, x.Now));
        var added = ok.Value!.Milestones[^1];
        return TypedResults.Created($"/api/commitments/{ok.Value.Id}/milestones/{added.Id}", ok.Value);
    }

    private static async Task<Ok<CommitmentResponse>> Get(string id, DateOnly? asOf, IQuerySession session, TimeProvider clock, HttpContext http)
    {
        var lang = LocalizedText.RequestedLanguages(http.Request);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (asOf is { } date)
        {
            var state = CommitmentHistory.AsOf(await CommitmentHistory.Events(session, id.ToUpperInvariant(), http.RequestAborted), date)
                        ?? throw new ResourceNotFound($"Commitment as of {date:yyyy-MM-dd}", id);
            http.Response.SetETag(state.Version);
            return TypedResults.Ok(CommitmentResponse.From(state, lang, date, date));
        }
        var commitment = await session.LoadAsync<Commitment>(id.ToUpperInvariant(), http.RequestAborted) ?? throw new ResourceNotFound("Commitment", id);
        http.Response.SetETag(commitment.Version);
        return TypedResults.Ok(CommitmentResponse.From(commitment, lang, today));
    }

    private static async Task<Ok<HistoryEntry[]>> History(string id, IQuerySession session, HttpContext http) =>
        TypedResults.Ok((await CommitmentHistory.Events(session, id.ToUpperInvariant(), http.RequestAborted)).Select(CommitmentHistory.Entry).ToArray());
}
