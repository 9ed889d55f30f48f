namespace CommitmentTracker.Features.Dialogue.Comments;

/// <summary>
/// A comment as every reader sees it. A hidden comment keeps its place, its author and its replies, but not its text:
/// <c>notice</c> says "hidden by a moderator: reason". Anonymous readers and admins see the same view; the text stays
/// in the history.
/// </summary>
public sealed record CommentView(
    string Id, string? MilestoneId, string? ParentId, string? Text, string AuthorName, string AuthorRole, string AuthorOrganisation,
    bool Official, DateTimeOffset PostedAt, DateTimeOffset? EditedAt, int Edits, bool Hidden, string? HiddenReason, string? Notice,
    int Version, CommentView[] Replies)
{
    /// <summary>The comment as it stood before <paramref name="cutoff"/>; null if it was posted later.</summary>
    public static CommentView? Of(Comment c, DateTimeOffset cutoff, CommentView[]? replies = null)
    {
        if (c.PostedAt >= cutoff) return null;
        var revisions = c.Revisions.Where(r => r.At < cutoff).ToArray();
        var moderation = c.Moderations.LastOrDefault(m => m.At < cutoff);
        var hidden = moderation is { Hidden: true };
        var version = 1 + (revisions.Length - 1) + c.Moderations.Count(m => m.At < cutoff);
        return new CommentView(c.CommentId, c.MilestoneId, c.ParentId, hidden ? null : revisions[^1].Text, c.AuthorName, c.AuthorRole,
            c.AuthorOrganisation, c.Official, c.PostedAt, revisions.Length > 1 ? revisions[^1].At : null, revisions.Length - 1, hidden,
            hidden ? moderation!.Reason : null, hidden ? $"hidden by a moderator: {moderation!.Reason}" : null, version, replies ?? []);
    }

    /// <summary>Top-level comments in posting order, each with its replies in posting order.</summary>
    public static CommentView[] Threads(IEnumerable<Comment> comments, DateTimeOffset cutoff)
    {
        var all = comments.OrderBy(c => c.PostedAt).ThenBy(c => c.Sequence).ToArray();
        var replies = all.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!);
        return all.Where(c => c.ParentId is null)
            .Select(c => Of(c, cutoff, replies[c.CommentId].Select(r => Of(r, cutoff)).OfType<CommentView>().ToArray()))
            .OfType<CommentView>()
            .ToArray();
    }
}
