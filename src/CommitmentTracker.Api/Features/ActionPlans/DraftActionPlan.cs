using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.ActionPlans;

public sealed record PeriodInput([property: Required] DateOnly? Start, [property: Required] DateOnly? End);

/// <summary>
/// Draft an action plan for a member. <c>sequence</c> is OGP's plan number ("Action Plan 5");
/// when omitted the next free number is used. <c>defaultLanguage</c> defaults to the member's.
/// </summary>
public sealed record DraftActionPlan(
    [property: Required] string? MemberCode, int? Sequence, [property: Required] Dictionary<string, string>? Title, [property: Required] PeriodInput? Period, string? DefaultLanguage) : EffectiveWrite
{
    // National plans run 2 or 4 years; allow a month and a half of slack for real calendars.
    private const int SlackDays = 45;

    public static ActionPlanDrafted Decide(DraftActionPlan c, Member? member, int nextSequence, string by, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.Required("memberCode", c.MemberCode);
        if (c.MemberCode is not null && member is null) errors.Add("memberCode", $"member '{c.MemberCode}' is not registered.");
        if (c.Sequence is < 1 or > 99) errors.Add("sequence", "must be between 1 and 99.");
        var language = c.DefaultLanguage ?? member?.DefaultLanguage;
        if (!LocalizedText.IsLanguageTag(language)) errors.Add("defaultLanguage", "must be a BCP-47 language tag like 'ka'.");
        var title = LocalizedText.Validate(errors, "title", c.Title, 500, language);
        var period = ValidatePeriod(errors, c.Period, member?.Kind);
        errors.ThrowIfAny();
        var sequence = c.Sequence ?? nextSequence;
        return new ActionPlanDrafted(ActionPlan.IdFor(member!.Id, sequence), member.Id, sequence, title!, period!,
            LocalizedText.Canonical(language!), by, now);
    }

    internal static Period? ValidatePeriod(FieldErrors errors, PeriodInput? p, MemberKind? kind)
    {
        errors.Required("period.start", p?.Start).Required("period.end", p?.End);
        if (p?.Start is not { } start || p.End is not { } end) return null;
        if (end <= start) { errors.Add("period.end", "must be after period.start."); return null; }
        if (kind == MemberKind.National && !LastsYears(start, end, 2) && !LastsYears(start, end, 4))
            errors.Add("period.end", "a national action plan runs 2 or 4 years.");
        if (kind == MemberKind.Local && end > start.AddYears(4).AddDays(SlackDays))
            errors.Add("period.end", "a local action plan runs at most 4 years.");
        return new Period(start, end);
    }

    private static bool LastsYears(DateOnly start, DateOnly end, int years) =>
        Math.Abs(end.DayNumber - start.AddYears(years).DayNumber) <= SlackDays;
}
