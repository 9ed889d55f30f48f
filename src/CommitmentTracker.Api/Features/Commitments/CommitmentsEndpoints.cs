using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Commitments;

/// <summary>
/// The commitment routes, reads first (their handlers are below, over <see cref="CommitmentReads"/>), then the writes:
/// each write is one command file in Write/ (and the IRM's in Assessments/), decided over the stream's state by
/// <see cref="CommitmentWrites"/>.
/// </summary>
public static class CommitmentsEndpoints
{
    /// <summary>The slice's services: the one read, the write helper, the stats and list-total caches.</summary>
    public static IServiceCollection AddCommitments(this IServiceCollection services) =>
        services.AddCommitmentStats().AddScoped<CommitmentReads>().AddScoped<CommitmentWrites>();

    public static IEndpointRouteBuilder MapCommitments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/action-plans/{planId}/commitments", MakeCommitment.Handle).WithTags("Commitments").RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Make a commitment in a plan (the member's PoC, or an admin). The id, like GE0066, is assigned when omitted.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var commitments = app.MapGroup("/api/commitments").WithTags("Commitments");
        commitments.MapGet("/{id}", Get).WithSummary("Read a commitment; ?asOf=2024-08-30 rebuilds it as of the end of that day.")
            .ProducesValidationProblem().ProducesProblem(404);
        commitments.MapGet("/", List).WithSummary("List commitments, paged and sorted, with filters and full-text q in any script.")
            .ProducesValidationProblem();
        commitments.MapGet("/stats", CommitmentStatsEndpoint.Stats).WithSummary("Dashboard aggregates (counts, completion distribution, overdue, starred, mean progress) grouped by member, plan, policyArea, ogpValue, completion or irmCompletion; same filters as the list.")
            .ProducesValidationProblem();
        commitments.MapGet("/{id}/history", History).WithSummary("Every event about the commitment, from its own stream and its CSO assessment streams, in global order: which stream, what, when, who, why.")
            .ProducesProblem(404);

        var writes = commitments.MapGroup("/{id}").RequireAuthorization(AuthSetup.Writer)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        writes.MapPatch("/", (string id, ReviseCommitment c, CommitmentWrites x) =>
            x.Write(id, c.EffectiveOn, (s, at) => ReviseCommitment.Decide(s, new(c, x.Actor.Id, at)))).WithSummary("Revise details; send If-Match.");
        writes.MapPost("/milestones", AddMilestone.Handle).WithSummary("Add a milestone (plan in Draft, CoCreation or Implementation).");
        writes.MapPost("/milestones/{milestoneId}/progress", ReportMilestoneProgress.Handle).WithSummary("Report milestone progress with evidence.");
        writes.MapPost("/milestones/{milestoneId}/reschedule", RescheduleMilestone.Handle).WithSummary("Move a milestone's dates, with a reason.");
        writes.MapPost("/completion", ChangeCompletion.Handle).WithSummary("Change the government's self-assessed completion.");
        writes.MapPost("/assessments/irm", RecordIrmAssessment.Handle).WithSummary("Record the IRM's design and/or results indicators (irm role).");
        writes.MapPost("/withdraw", (string id, WithdrawCommitment c, CommitmentWrites x) =>
            x.Write(id, c.EffectiveOn, (s, at) => WithdrawCommitment.Decide(s, new(c, x.Actor.Id, at)))).WithSummary("Withdraw the commitment; later writes are 409.");
        return app;
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

    private static async Task<Ok<HistoryEntry[]>> History(string id, CommitmentReads reads, HttpContext http) =>
        TypedResults.Ok((await reads.History(id, http.RequestAborted)).ToArray());
}
