using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.Commitments;

namespace CommitmentTracker.Features.Dialogue.Comments;

/// <summary>Comment on a commitment, or on one of its milestones (<c>milestoneId</c>); <c>parentId</c> replies to a top-level comment.</summary>
public sealed record PostComment([property: Required] string? Text, string? MilestoneId, string? ParentId) : EffectiveWrite;

/// <summary>The author rewrites the comment, within 15 minutes of posting it. The earlier text stays in the history.</summary>
public sealed record EditComment([property: Required] string? Text);

/// <summary>A moderator's hide or restore, with the reason readers (and the history) see.</summary>
public sealed record ModerateComment([property: Required] string? Reason);
