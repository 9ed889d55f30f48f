using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;

namespace CommitmentTracker.Features.Dialogue.Comments;

/// <summary>Every comment rule, decided over current state. Pure: the parent comment and the time come in.</summary>
public static class CommentDecider
{
    /// <summary>A comment is a few paragraphs, not a document: longer texts are 400.</summary>
    public const int MaxLength = 4000;

    public const int MaxReasonLength = 1000;

    public static CommentPosted Decide(Commitment commitment, PostComment c, Comment? parent, Actor actor, string commentId, DateTimeOffset now)
    {
        actor.EnsureRole(Roles.All);
        var errors = new FieldErrors();
        ValidateText(errors, c.Text);
        var milestoneId = c.MilestoneId?.Trim();
        if (milestoneId is not null)
        {
            var milestone = commitment.Milestones.FirstOrDefault(m => string.Equals(m.Id, milestoneId, StringComparison.OrdinalIgnoreCase));
            if (milestone is null) errors.Add("milestoneId", $"is not a milestone of {commitment.Id}.");
            else milestoneId = milestone.Id;
        }
        if (c.ParentId is not null && parent is null) errors.Add("parentId", $"is not a comment on {commitment.Id}.");
        if (parent is not null && c.MilestoneId is not null && milestoneId != parent.MilestoneId)
            errors.Add("milestoneId", "a reply is on its parent's milestone; leave milestoneId out.");
        errors.ThrowIfAny();
        if (parent is { ParentId: not null })
            throw new FieldErrors().Add("parentId", $"is itself a reply; reply to the comment it answers ({parent.ParentId}).")
                .AsConflict("Replies are one level deep.");
        // Official: the government speaking on its own commitment, that is the PoC of the commitment's member.
        var official = actor.Role == Roles.Poc && actor.Members.Contains(commitment.MemberCode, StringComparer.OrdinalIgnoreCase);
        return new CommentPosted(commentId, commitment.Id, parent?.MilestoneId ?? milestoneId, parent?.CommentId, c.Text!.Trim(),
            actor.Name, actor.Role, actor.Organisation, official, actor.Id, now);
    }

    public static object[] Decide(Comment s, EditComment c, Actor actor, DateTimeOffset now)
    {
        if (s.AuthorId != actor.Id) throw new Forbidden("Only the author may edit a comment; a moderator hides it instead.");
        var errors = new FieldErrors();
        ValidateText(errors, c.Text);
        if (c.Text is { } t && t.Trim() == s.Text) errors.Add("text", "is the same as the current text.");
        errors.ThrowIfAny();
        if (s.Hidden) throw new RuleConflict("A hidden comment cannot be edited.");
        var closes = s.PostedAt + Comment.EditWindow;
        if (now > closes) throw new RuleConflict($"The edit window closed at {closes:u}, {Comment.EditWindow.TotalMinutes:0} minutes after posting.");
        return [new CommentEdited(s.CommentId, s.CommitmentId, c.Text!.Trim(), s.Text, actor.Id, now)];
    }

    public static object[] Hide(Comment s, ModerateComment c, Actor actor, DateTimeOffset now)
    {
        actor.EnsureAdmin();
        var reason = Reason(c);
        if (s.Hidden) throw new RuleConflict("The comment is already hidden.");
        return [new CommentHidden(s.CommentId, s.CommitmentId, reason, actor.Id, now)];
    }

    public static object[] Restore(Comment s, ModerateComment c, Actor actor, DateTimeOffset now)
    {
        actor.EnsureAdmin();
        var reason = Reason(c);
        if (!s.Hidden) throw new RuleConflict("The comment is not hidden.");
        return [new CommentRestored(s.CommentId, s.CommitmentId, reason, actor.Id, now)];
    }

    private static string Reason(ModerateComment c)
    {
        var errors = new FieldErrors();
        errors.Required("reason", c.Reason).MaxLength("reason", c.Reason, MaxReasonLength);
        errors.ThrowIfAny();
        return c.Reason!.Trim();
    }

    private static void ValidateText(FieldErrors errors, string? text) =>
        errors.Required("text", text).MaxLength("text", text, MaxLength);
}
