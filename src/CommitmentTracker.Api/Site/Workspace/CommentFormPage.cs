using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Dialogue.Comments;
using CommitmentTracker.Infrastructure.Marten;
using Microsoft.AspNetCore.Components;

namespace CommitmentTracker.Site.Workspace;

/// <summary>
/// A comment form on a commitment (a new comment, or a reply): every signed-in role may comment, as the API allows; a PoC
/// of the commitment's member speaks officially. It posts through the comments route's own handler, so the same rules
/// and the same per-person comment budget apply; a refusal without a field (a budget spent, a rule) shows beside the text.
/// </summary>
public abstract class CommentFormPage : CommitmentFormPage
{
    [Inject] public StreamWrites Streams { get; set; } = default!;
    [Inject] public TimeProvider Clock { get; set; } = default!;
    [Inject] public CommentBudget Budget { get; set; } = default!;

    protected override bool MayUse(Commitment c) => true;

    // A comment is a stream of its own, started by the post: there is no version to hold.
    protected override long? StreamVersion => null;

    protected override string? RefusalField => "text";

    protected override string Then => $"/workspace/commitments/{Uri.EscapeDataString(C.Id)}/comments?posted=1";

    protected string CommentsPath => $"/workspace/commitments/{Uri.EscapeDataString(Id)}/comments";

    protected Task Post(PostComment body) => CommentsEndpoints.Post(C.Id, body, Streams, Actor, Clock, Budget, Http);
}
