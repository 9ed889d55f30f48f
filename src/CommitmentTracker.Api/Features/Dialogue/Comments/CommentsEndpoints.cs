using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Dialogue.Comments;

public static class CommentsEndpoints
{
    public static IEndpointRouteBuilder MapComments(this IEndpointRouteBuilder app)
    {
        var comments = app.MapGroup("/api/commitments/{id}/comments").WithTags("Dialogue");
        comments.MapGet("/", List).WithSummary("The discussion of a commitment and its milestones: top-level comments, each with its replies; ?asOf= as of the end of that day.")
            .ProducesValidationProblem().ProducesProblem(404);
        comments.MapGet("/{commentId}", Get).WithSummary("One comment.").ProducesProblem(404);
        comments.MapGet("/{commentId}/history", History).WithSummary("Every event of one comment: posted, edited (with the earlier text), hidden, restored.")
            .ProducesProblem(404);

        var writes = comments.MapGroup("/").RequireAuthorization(AuthSetup.Writer)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);
        writes.MapPost("/", Post)
            .WithSummary("Comment on the commitment or one of its milestones (any signed-in role); parentId replies, one level deep.");
        writes.MapPatch("/{commentId}", (string id, string commentId, EditComment c, CommentWriter x, CommentBudget budget) =>
            {
                budget.Take(x.Actor);
                return x.Write(id, commentId, s => CommentDecider.Decide(s, c, x.Actor, x.Now));
            })
            .WithSummary("The author edits the text, within 15 minutes of posting; the earlier text stays in the history.");
        writes.MapPost("/{commentId}/hide", Hide).WithSummary("Hide a comment, with a reason readers see (admin).");
        writes.MapPost("/{commentId}/restore", Restore).WithSummary("Show a hidden comment again, with a reason (admin).");
        return app;
    }

    // A moderator hides a comment, or shows it again: the REST routes' handlers, and the workspace's moderation form's.
    // Who may is asked before the write, so a caller who may not moderate is 403 whatever version it names (not 409).
    public static Task<Ok<CommentView>> Hide(string id, string commentId, ModerateComment c, CommentWriter x)
    {
        x.Actor.EnsureAdmin();
        return x.Write(id, commentId, s => CommentDecider.Hide(s, c, x.Actor, x.Now));
    }

    public static Task<Ok<CommentView>> Restore(string id, string commentId, ModerateComment c, CommentWriter x)
    {
        x.Actor.EnsureAdmin();
        return x.Write(id, commentId, s => CommentDecider.Restore(s, c, x.Actor, x.Now));
    }

    /// <summary>What every write to an existing comment needs from the request.</summary>
    public sealed class CommentWriter(StreamWrites writes, Actor actor, TimeProvider clock, IHttpContextAccessor accessor)
    {
        public Actor Actor { get; } = actor;
        public DateTimeOffset Now { get; } = clock.GetUtcNow();

        public async Task<Ok<CommentView>> Write(string commitmentId, string commentId, Func<Comment, object[]> decide)
        {
            var http = accessor.HttpContext!;
            var comment = await writes.Append<Comment>("Comment", Comment.StreamFor(commitmentId.ToUpperInvariant(), commentId), http.Request.ExpectedVersion(),
                decide, http.RequestAborted);
            http.Response.SetETag(comment.Version);
            return TypedResults.Ok(CommentView.Of(comment, DateTimeOffset.MaxValue)!);
        }
    }

    // Post a comment or a reply: the REST route's handler, and the workspace's comment forms'.
    public static async Task<Created<CommentView>> Post(
        string id, PostComment command, StreamWrites writes, Actor actor, TimeProvider clock, CommentBudget budget, HttpContext http)
    {
        budget.Take(actor);
        var now = clock.GetUtcNow();
        var posted = await writes.Start<Comment, CommentPosted>(async session =>
        {
            var commitment = await session.LoadAsync<Commitment>(id.ToUpperInvariant(), http.RequestAborted) ?? throw new ResourceNotFound("Commitment", id);
            var parent = command.ParentId is { Length: > 0 and <= 100 } parentId
                ? await session.LoadAsync<Comment>(Comment.StreamFor(commitment.Id, parentId.Trim()), http.RequestAborted)
                : null;
            // A version 7 GUID: unique without coordination (every comment is a stream of its own) and in posting order.
            var commentId = Guid.CreateVersion7(now).ToString("N");
            var e = CommentDecider.Decide(commitment, command, parent, actor, commentId, await PostedAt(session, commitment, parent));
            return (Comment.StreamFor(commitment.Id, commentId), e, true);
        }, http.RequestAborted);
        http.Response.SetETag(1);
        return TypedResults.Created($"/api/commitments/{posted.CommitmentId}/comments/{posted.CommentId}",
            CommentView.Of(Comment.From(posted) with { Version = 1 }, DateTimeOffset.MaxValue)!);

        // Now, or effectiveOn: not in the future, not before the plan's start, and a reply not before the comment it answers.
        async Task<DateTimeOffset> PostedAt(IDocumentSession session, Commitment commitment, Comment? parent)
        {
            if (command.EffectiveOn is not { } day) return now;
            var plan = await session.LoadAsync<ActionPlan>(commitment.PlanId, http.RequestAborted) ?? throw new ResourceNotFound("Action plan", commitment.PlanId);
            var at = EffectiveDate.At(day, now, plan.Period.Start, null);
            if (parent is null) return at;
            if (day < DateOnly.FromDateTime(parent.PostedAt.UtcDateTime))
                throw ValidationFailed.Field("effectiveOn", $"must not be before {parent.PostedAt.UtcDateTime:yyyy-MM-dd}, when the comment it replies to was posted.");
            return parent.PostedAt > at ? parent.PostedAt : at;
        }
    }

    /// <summary>The same threads the commitment's view carries (one read of commitments).</summary>
    private static async Task<Ok<CommentView[]>> List(string id, DateOnly? asOf, CommitmentReads reads, HttpContext http) =>
        TypedResults.Ok((await reads.Get(id, asOf, [], http.RequestAborted)).Dialogue.Comments);

    private static async Task<Ok<CommentView>> Get(string id, string commentId, IQuerySession session, HttpContext http)
    {
        var comment = await session.LoadAsync<Comment>(Comment.StreamFor(id.ToUpperInvariant(), commentId), http.RequestAborted)
                      ?? throw new ResourceNotFound("Comment", commentId);
        http.Response.SetETag(comment.Version);
        var replies = comment.ParentId is null
            ? (await session.Query<Comment>().Where(c => c.CommitmentId == comment.CommitmentId && c.ParentId == comment.CommentId).ToListAsync(http.RequestAborted))
                .OrderBy(c => c.PostedAt).ThenBy(c => c.Sequence).Select(r => CommentView.Of(r, DateTimeOffset.MaxValue)!).ToArray()
            : [];
        return TypedResults.Ok(CommentView.Of(comment, DateTimeOffset.MaxValue, replies)!);
    }

    private static async Task<Ok<HistoryEntry[]>> History(string id, string commentId, IQuerySession session, HttpContext http)
    {
        var events = await session.Events.FetchStreamAsync(Comment.StreamFor(id.ToUpperInvariant(), commentId), token: http.RequestAborted);
        if (events.Count == 0) throw new ResourceNotFound("Comment", commentId);
        return TypedResults.Ok(events.Select(CommitmentHistory.Entry).ToArray());
    }
}
