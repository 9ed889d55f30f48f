using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.Members;

/// <summary>Rename a member (admin): the whole localized name, which must still hold the member's default language.</summary>
public sealed record RenameMember([property: Required] Dictionary<string, string>? Name, [property: Required] string? Reason) : EffectiveWrite
{
    public static object[] Decide(Member m, RenameMember c, string by, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var name = LocalizedText.Validate(errors, "name", c.Name, 300, m.DefaultLanguage);
        errors.Required("reason", c.Reason).MaxLength("reason", c.Reason, 5000);
        errors.ThrowIfAny();
        if (LocalizedText.Same(name!, m.Name)) throw new RuleConflict($"Member {m.Id} already has this name.");
        return [new MemberRenamed(m.Id, m.Name, name!, c.Reason!.Trim(), by, now)];
    }
}

/// <summary>Set a member's procedural standing (admin): Active, UnderReview or Inactive.</summary>
public sealed record SetMemberStatus([property: Required] MemberStatus? Status, [property: Required] string? Reason) : EffectiveWrite
{
    public static object[] Decide(Member m, SetMemberStatus c, string by, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.Required("status", c.Status).Required("reason", c.Reason).MaxLength("reason", c.Reason, 5000);
        errors.ThrowIfAny();
        if (c.Status == m.Status) throw new RuleConflict($"Member {m.Id} is already {m.Status}.");
        return [new MemberStatusChanged(m.Id, m.Status, c.Status!.Value, c.Reason!.Trim(), by, now)];
    }
}
