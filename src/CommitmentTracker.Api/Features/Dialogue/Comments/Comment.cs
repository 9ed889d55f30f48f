using JasperFx.Events;

namespace CommitmentTracker.Features.Dialogue.Comments;

public sealed record CommentRevision(string Text, DateTimeOffset At);

public sealed record CommentModeration(bool Hidden, string Reason, string By, DateTimeOffset At);

/// <summary>
/// One comment's stream, folded: who wrote it, every text it had and every moderation, each with its business time, so
/// a reader can show it as of any date. Kept inline as the read model.
/// </summary>
public sealed record Comment(
    string Id, string CommentId, string CommitmentId, string? MilestoneId, string? ParentId, string AuthorId, string AuthorName,
    string AuthorRole, string AuthorOrganisation, bool Official, DateTimeOffset PostedAt, CommentRevision[] Revisions,
    CommentModeration[] Moderations, long Sequence = 0)
{
    public int Version { get; set; }

    /// <summary>How long an author may edit a comment after posting it.</summary>
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15);

    public static string StreamFor(string commitmentId, string commentId) => $"{commitmentId}~comment~{commentId}";

    public string Text => Revisions[^1].Text;

    public bool Hidden => Moderations is [.., { Hidden: true }];

    /// <summary>The posting's global sequence orders comments posted at the same instant.</summary>
    public static Comment Create(IEvent<CommentPosted> posted) => From(posted.Data) with { Sequence = posted.Sequence };

    public static Comment From(CommentPosted e) => new(
        StreamFor(e.CommitmentId, e.CommentId), e.CommentId, e.CommitmentId, e.MilestoneId, e.ParentId, e.By, e.AuthorName,
        e.AuthorRole, e.AuthorOrganisation, e.Official, e.At, [new CommentRevision(e.Text, e.At)], []);

    public Comment Apply(CommentEdited e) => this with { Revisions = [.. Revisions, new CommentRevision(e.Text, e.At)] };

    public Comment Apply(CommentHidden e) => this with { Moderations = [.. Moderations, new CommentModeration(true, e.Reason, e.By, e.At)] };

    public Comment Apply(CommentRestored e) => this with { Moderations = [.. Moderations, new CommentModeration(false, e.Reason, e.By, e.At)] };
}
