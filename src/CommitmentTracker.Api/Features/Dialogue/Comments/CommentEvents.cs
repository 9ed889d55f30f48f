using CommitmentTracker.Infrastructure.Marten;

namespace CommitmentTracker.Features.Dialogue.Comments;

// Facts in one comment's own stream ({commitment}~comment~{id}). The author's role and organisation travel in the
// event itself, so every reader shows them without a join to the keys.

public sealed record CommentPosted(
    string CommentId, string CommitmentId, string? MilestoneId, string? ParentId, string Text, string AuthorName,
    string AuthorRole, string AuthorOrganisation, bool Official, string By, DateTimeOffset At) : IDomainEvent;

public sealed record CommentEdited(string CommentId, string CommitmentId, string Text, string PreviousText, string By, DateTimeOffset At) : IDomainEvent;

public sealed record CommentHidden(string CommentId, string CommitmentId, string Reason, string By, DateTimeOffset At) : IDomainEvent, IHasReason;

public sealed record CommentRestored(string CommentId, string CommitmentId, string Reason, string By, DateTimeOffset At) : IDomainEvent, IHasReason;
