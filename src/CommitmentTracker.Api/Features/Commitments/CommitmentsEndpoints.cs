using System.Text.RegularExpressions;
using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Localization;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Commitments;

public static partial class CommitmentsEndpoints
{
    [GeneratedRegex("^[A-Z]{2}[0-9]{4}$")] internal static partial Regex OgpId();

    /// <summary>The slice's services: the one read, the write helper, the stats and list-total caches.</summary>
    public static IServiceCollection AddCommitments(this IServiceCollection services) =>
        services.AddCommitmentStats().AddScoped<CommitmentReads>().AddScoped<CommitmentWriter>();

    public static IEndpointRouteBuilder MapCommitments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/action-plans/{planId}/commitments", Make).WithTags("Commitments").RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Make a commitment in a plan (the member's PoC, or an admin). The id, like GE0066, is assigned when omitted.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var commitments = app.MapGroup("/api/commitments").WithTags("Commitments");
        commitments.MapGet("/{id}", Get).WithSummary("Read a commitment; ?asOf=2024-08-30 rebuilds it as of the end of that day.")
            .ProducesValidationProblem().ProducesProblem(404);
        commitments.MapGet("/", List).WithSummary("List commitments, paged and sorted, with filters and full-text q in any script.")
            .ProducesValidationProblem();
        commitments.MapGet("/stats", Stats).WithSummary("Dashboard aggregates (counts, completion distribution, overdue, starred, mean progress) grouped by member, plan, policyArea, ogpValue, completion or irmCompletion; same filters as the list.")
            .ProducesValidationProblem();
        commitments.MapGet("/{id}/history", History).WithSummary("Every event about the commitment, from its own stream and its CSO assessment streams, in global order: which stream, what, when, who, why.")
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
        writes.MapPost("/assessments/irm", (string id, RecordIrmAssessment c, CommitmentWriter x) =>
            x.Write(id, s => AssessmentDecider.Decide(s, c, x.Actor.Id, x.Now), _ => x.Actor.EnsureRole(Roles.Irm, Roles.Admin)))
            .WithSummary("Record the IRM's design and/or results indicators (irm role).");
        writes.MapPost("/withdraw", (string id, WithdrawCommitment c, CommitmentWriter x) =>
            x.Write(id, s => CommitmentDecider.Decide(s, c, x.Actor.Id, x.Now))).WithSummary("Withdraw the commitment; later writes are 409.");
        return app;
    }

    /// <summary>What every commitment write needs from the request.</summary>
    public sealed class CommitmentWriter(StreamWrites writes, CommitmentReads reads, Actor actor, TimeProvider clock, IHttpContextAccessor accessor)
    {
        public Actor Actor { get; } = actor;
        public DateTimeOffset Now { get; } = clock.GetUtcNow();
        private HttpContext Http => accessor.HttpContext!;

        /// <summary>Decides and appends; by default only the member's PoC or an admin may (<paramref name="authorize"/> overrides).</summary>
        public Task<Ok<CommitmentResponse>> Write(string id, Func<Commitment, object[]> decide, Action<Commitment>? authorize = null) =>
            Write(id, (_, s) => Task.FromResult(decide(s)), authorize);

        /// <summary>As above, for a decision that reads other rows inside the write's transaction.</summary>
        public async Task<Ok<CommitmentResponse>> Write(string id, Func<IDocumentSession, Commitment, Task<object[]>> decide, Action<Commitment>? authorize = null)
        {
            var commitment = await writes.Append<Commitment>("Commitment", id.ToUpperInvariant(), Http.Request.ExpectedVersion(), async (session, s) =>
            {
                (authorize ?? (c => Actor.EnsureCanWriteMember(c.MemberCode)))(s);
                return await decide(session, s);
            }, Http.RequestAborted);
            Http.Response.SetETag(commitment.Version);
            return TypedResults.Ok(await Respond(commitment));
        }

        public async Task<CommitmentResponse> Respond(Commitment commitment) =>
            (await reads.View(commitment, LocalizedText.RequestedLanguages(Http.Request), Http.RequestAborted)).Response;
    }

    private static async Task<Created<CommitmentResponse>> Make(string planId, MakeCommitment command, StreamWrites writes, CommitmentWriter x, HttpContext http)
    {
        var made = await writes.Start<Commitment, CommitmentMade>(async session =>
        {
            var plan = await session.LoadPlanLockedAsync(planId.ToUpperInvariant(), http.RequestAborted);
            x.Actor.EnsureCanWriteMember(plan.MemberCode);
            var country = plan.MemberCode[..2];
            var id = command.Id?.Trim().ToUpperInvariant();
            if (id is not null && (!OgpId().IsMatch(id) || !id.StartsWith(country, StringComparison.Ordinal)))
                throw ValidationFailed.Field("id", $"must be the country code and 4 digits, like {country}0066.");
            var assigned = id is null;
            id ??= await NextId(session, country, http.RequestAborted);
            return (id, CommitmentDecider.Decide(command, plan, id, x.Actor.Id, x.Now), assigned);
        }, http.RequestAborted);
        var commitment = Commitment.Create(made) with { Version = 1 };
        http.Response.SetETag(1);
        return TypedResults.Created($"/api/commitments/{made.CommitmentId}", await x.Respond(commitment));
    }

    internal static async Task<string> NextId(IQuerySession session, string country, CancellationToken ct)
    {
        var taken = await session.Query<Commitment>().Where(c => c.Id.StartsWith(country))
            .OrderByDescending(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(ct);
        var next = taken is null ? 1 : int.Parse(taken[2..]) + 1;
        return next > 9999 ? throw new RuleConflict($"No commitment ids left for {country}.") : $"{country}{next:D4}";
    }

    private static async Task<Created<CommitmentResponse>> AddMilestone(string id, AddMilestone command, CommitmentWriter x, HttpContext http)
    {
        var ok = await x.Write(id, async (session, s) =>
            CommitmentDecider.Decide(s, await session.LoadPlanLockedAsync(s.PlanId, http.RequestAborted), command, x.Actor.Id, x.Now));
        var added = ok.Value!.Milestones[^1];
        return TypedResults.Created($"/api/commitments/{ok.Value.Id}/milestones/{added.Id}", ok.Value);
    }

    private static async Task<Ok<CommitmentResponse>> Get(string id, DateOnly? asOf, CommitmentReads reads, HttpContext http)
    {
        var view = await reads.Get(id, asOf, LocalizedText.RequestedLanguages(http.Request), http.RequestAborted);
        http.Response.SetETag(view.State.Version);
        return TypedResults.Ok(view.Response);
    }

    /// <param name="member">Member code (GE, GE-TBS).</param>
    /// <param name="plan">Action plan id (GE-AP5).</param>
    /// <param name="q">Words, or the beginnings of words, in any language or script; each must begin a word of the titles, texts, milestones or institutions.</param>
    /// <param name="overdue">true: has a milestone past due and not Met; false: has none.</param>
    /// <param name="sort">id, updatedAt, progress, optionally prefixed with '-'.</param>
    private static async Task<Ok<Page<CommitmentResponse>>> List(
        CommitmentReads reads, HttpContext http, string? member, string? plan, PolicyArea? policyArea,
        OgpValue? ogpValue, Completion? completion, IrmCompletion? irmCompletion, bool? overdue, string? q, string? sort, int? page, int? pageSize)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        var filter = new CommitmentFilter(member, plan, policyArea, ogpValue, completion, irmCompletion, overdue, q);
        var list = await reads.List(filter, sort, paging.Skip, paging.PageSize, LocalizedText.RequestedLanguages(http.Request), http.RequestAborted, errors);
        return TypedResults.Ok(new Page<CommitmentResponse>(list.Items.Select(v => v.Response).ToList(), paging.Page, paging.PageSize, list.Total));
    }

    private static async Task<Ok<CommitmentStatsRow[]>> Stats(
        IQuerySession session, CommitmentStatsCache stats, CommitmentReads reads, HttpContext http, StatsGroupBy? groupBy, string? member, string? plan,
        PolicyArea? policyArea, OgpValue? ogpValue, Completion? completion, IrmCompletion? irmCompletion, bool? overdue, string? q)
    {
        if (groupBy is null) throw ValidationFailed.Field("groupBy", "is required: Member, Plan, PolicyArea, OgpValue, Completion or IrmCompletion.");
        var filter = new CommitmentFilter(member, plan, policyArea, ogpValue, completion, irmCompletion, overdue, q);
        return TypedResults.Ok(await stats.Get(session, groupBy.Value, filter, reads.Today, http.RequestAborted));
    }

    private static async Task<Ok<HistoryEntry[]>> History(string id, CommitmentReads reads, HttpContext http) =>
        TypedResults.Ok((await reads.History(id, http.RequestAborted)).ToArray());
}
