using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Features.Import;

public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImport(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/action-plans/{id}/import", Import).WithTags("Import").RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Import commitments and milestones into a plan (its member's PoC, or an admin), all or nothing: text/csv "
                         + "(commitments.csv), multipart/form-data (files 'commitments' and 'milestones', as the CSV exports write them) "
                         + "or application/json ({commitments, milestones}, as the JSON exports write them). Every bad row and column "
                         + "is reported at once. A row matching a commitment of the plan updates its completion and its milestones' progress, "
                         + "status, evidence and dates (milestones matched by Milestone ID), given a reason (a Reason column, or ?reason= for "
                         + "the file). dryRun=true reports every change, field by field, and writes nothing; re-importing the same file changes nothing.")
            .Accepts<ImportDocument>("application/json", "text/csv", "multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(ImportFile.MaxBytes))
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(413).ProducesProblem(415);
        return app;
    }

    /// <summary>Each plan's import record, kept inline so a re-import finds the keys of earlier ones.</summary>
    public static IServiceCollection AddImport(this IServiceCollection services) =>
        services.ConfigureMarten(o => o.Projections.Snapshot<PlanImports>(SnapshotLifecycle.Inline));

    /// <param name="dryRun">true: validate and report what would be created and changed, field by field, writing nothing.</param>
    /// <param name="reason">Why the file changes what it matches, for every row without a Reason of its own.</param>
    /// <param name="effectiveOn">The day the file's creations and changes took effect (yyyy-MM-dd), when not today: a past plan's history, one dated sheet at a time.</param>
    private static async Task<Ok<ImportReport>> Import(
        string id, bool? dryRun, string? reason, DateOnly? effectiveOn, IQuerySession query, StreamWrites writes, Actor actor, TimeProvider clock, HttpContext http,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
        TypedResults.Ok(await Run(id, ct => ImportFile.ReadAsync(http.Request, json.Value.SerializerOptions, ct), dryRun != true, reason, effectiveOn,
            query, writes, actor, clock, http.RequestAborted));

    /// <summary>
    /// An import of the file <paramref name="read"/> gives, once the person may write the plan: the endpoint's, and the
    /// workspace's form of it (which reads the sheets from its own form).
    /// </summary>
    public static async Task<ImportReport> Run(
        string id, Func<CancellationToken, Task<ImportFile>> read, bool write, string? reason, DateOnly? effectiveOn, IQuerySession query, StreamWrites writes,
        Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var planId = id.ToUpperInvariant();
        // Who may write is settled before the body is read.
        var plan = await query.LoadAsync<ActionPlan>(planId, ct) ?? throw new ResourceNotFound("Action plan", id);
        actor.EnsureCanWriteMember(plan.MemberCode);
        var file = await read(ct);
        return await writes.AppendAll(async session =>
        {
            var current = write
                ? await session.LoadPlanLockedAsync(planId, ct)
                : await session.LoadAsync<ActionPlan>(planId, ct) ?? throw new ResourceNotFound("Action plan", id);
            return await new ImportPlanner(session, current, file, reason, effectiveOn, actor.Id, clock.GetUtcNow(), ct).Decide(write);
        }, write, ct);
    }
}
