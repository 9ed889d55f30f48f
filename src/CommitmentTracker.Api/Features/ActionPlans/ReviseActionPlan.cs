using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.ActionPlans;

/// <summary>
/// Revise a plan: a new title (all translations, the default language included) until the plan is withdrawn, and a new
/// period only while it is in Draft or CoCreation. A reason is required; what is unchanged is not written again.
/// </summary>
public sealed record ReviseActionPlan(Dictionary<string, string>? Title, PeriodInput? Period, [property: Required] string? Reason) : EffectiveWrite
{
    public static object[] Decide(ActionPlan plan, MemberKind kind, ReviseActionPlan c, string by, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (c.Title is null && c.Period is null) errors.Add("body", "give a new title, a new period, or both.");
        var title = c.Title is null ? null : LocalizedText.Validate(errors, "title", c.Title, 500, plan.DefaultLanguage);
        var period = c.Period is null ? null : DraftActionPlan.ValidatePeriod(errors, c.Period, kind);
        errors.Required("reason", c.Reason).MaxLength("reason", c.Reason, 5000);
        errors.ThrowIfAny();
        if (plan.Status == ActionPlanStatus.Withdrawn) throw new RuleConflict($"Action plan {plan.Id} is withdrawn; it cannot be revised.");
        if (period is not null && period != plan.Period && !plan.IsBeingDrafted)
            throw new RuleConflict($"Action plan {plan.Id} is {plan.Status}; its period can change only in Draft or CoCreation.",
                new Dictionary<string, string[]> { ["period"] = ["can change only while the plan is in Draft or CoCreation."] });
        var reason = c.Reason!.Trim();
        var events = new List<object>();
        if (title is not null && !LocalizedText.Same(title, plan.Title)) events.Add(new ActionPlanRetitled(plan.Id, plan.Title, title, reason, by, now));
        if (period is not null && period != plan.Period) events.Add(new ActionPlanPeriodChanged(plan.Id, plan.Period, period, reason, by, now));
        return events.Count == 0 ? throw new RuleConflict($"Action plan {plan.Id} already has this title and period.") : [.. events];
    }
}
