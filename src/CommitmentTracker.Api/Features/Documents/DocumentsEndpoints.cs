using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CommitmentTracker.Features.Documents;

public static class DocumentsEndpoints
{
    public static IServiceCollection AddDocuments(this IServiceCollection services) =>
        services.AddSingleton<IAppendCheck, CitedDocuments>()
            .ConfigureMarten(o => o.Storage.ExtendedSchemaObjects.Add(DocumentContent.Table(o.DatabaseSchemaName)));

    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/action-plans/{id}/documents").WithTags("Documents");
        g.MapPost("/", Upload).RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Upload a document to the plan's public repository (its member's PoC, or an admin): multipart/form-data with a part "
                         + "'file' (PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, PPTX, ODT, ODS, ODP, DOC, XLS, PPT or CSV, at most 20 MiB; the bytes "
                         + "must be what the name says) and an optional field 'title'. The same bytes are stored once.")
            .Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(DocumentUpload.MaxRequestBytes))
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(413).ProducesProblem(415);
        g.MapPost("/{documentId}/withdraw", Withdraw).RequireAuthorization(AuthSetup.Writer)
            .WithSummary("Withdraw a document, with a reason: the upload stays in the plan's history, the bytes are no longer served.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapGet("/", List).WithSummary("The plan's documents, withdrawn ones included (without a download url).").ProducesProblem(404);
        g.MapGet("/{documentId}/content", Download)
            .WithSummary("Download a document: always as an attachment, with X-Content-Type-Options: nosniff; a withdrawn one is 410.")
            .Produces(200, contentType: "application/octet-stream").ProducesProblem(404).ProducesProblem(410);
        return app;
    }

    private static async Task<Created<DocumentResponse>> Upload(string id, StreamWrites writes, Actor actor, TimeProvider clock, HttpContext http)
    {
        var boundary = DocumentUpload.Boundary(http.Request);
        var (plan, document) = await Store(id, http.Request.ExpectedVersion(), (session, ct) => DocumentUpload.ReadAsync(http.Request, boundary, session, ct),
            writes, actor, clock, http.RequestAborted);
        http.Response.SetETag(plan.Version);
        return TypedResults.Created(document.DownloadPath(plan.Id), DocumentResponse.From(plan.Id, document));
    }

    /// <summary>
    /// Stores what <paramref name="read"/> streams into the write's transaction as a document of the plan: the endpoint's
    /// upload, and the workspace progress form's file.
    /// </summary>
    public static async Task<(ActionPlan Plan, PlanDocument Document)> Store(
        string id, long? expectedVersion, Func<IDocumentSession, CancellationToken, Task<StoredUpload>> read, StreamWrites writes, Actor actor, TimeProvider clock,
        CancellationToken ct)
    {
        DocumentUploaded? uploaded = null;
        var plan = await writes.Append<ActionPlan>("Action plan", id.ToUpperInvariant(), expectedVersion, async (session, p) =>
        {
            // Who may write, and whether the plan takes documents, is settled before the body is read.
            actor.EnsureCanWriteMember(p.MemberCode);
            DocumentDecider.EnsureOpen(p);
            var upload = await read(session, ct);
            uploaded = DocumentDecider.Upload(p, upload, actor.Id, clock.GetUtcNow());
            return [uploaded];
        }, ct);
        return (plan, DocumentDecider.Find(plan, uploaded!.DocumentId));
    }

    private static Task<Ok<ActionPlanResponse>> Withdraw(
        string id, string documentId, WithdrawDocument command, StreamWrites writes, Actor actor, TimeProvider clock, HttpContext http) =>
        ActionPlansEndpoints.Write(id, writes, actor, http, p => DocumentDecider.Withdraw(p, documentId, command, actor.Id, clock.GetUtcNow()));

    private static async Task<Ok<DocumentResponse[]>> List(string id, ActionPlanReads reads, HttpContext http)
    {
        var plan = await reads.Find(id, http.RequestAborted) ?? throw new ResourceNotFound("Action plan", id);
        return TypedResults.Ok(plan.Documents.Select(d => DocumentResponse.From(plan.Id, d)).ToArray());
    }

    private static async Task<EmptyHttpResult> Download(string id, string documentId, ActionPlanReads reads, IDocumentStore store, HttpContext http)
    {
        var plan = await reads.Find(id, http.RequestAborted) ?? throw new ResourceNotFound("Action plan", id);
        var document = DocumentDecider.Find(plan, documentId);
        if (document.Withdrawn is { } withdrawn) throw new Gone($"Document {document.Id} was withdrawn on {withdrawn.At:yyyy-MM-dd}: {withdrawn.Reason}");
        var response = http.Response;
        response.ContentType = document.ContentType;
        response.ContentLength = document.Length;
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = AsciiFallback(document.FileName), FileNameStar = document.FileName,
        }.ToString();
        response.Headers.ETag = new EntityTagHeaderValue($"\"{document.Sha256}\"").ToString();
        response.Headers.CacheControl = "no-cache"; // revalidate: a withdrawal must stop the bytes being served
        await DocumentContent.CopyToAsync(store, document.Sha256, response.Body, http.RequestAborted);
        return TypedResults.Empty;
    }

    private static string AsciiFallback(string name) =>
        new(name.Select(c => c is >= ' ' and < '\u007f' and not '"' and not '\\' ? c : '_').ToArray());
}
