using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.Commitments;

namespace CommitmentTracker.Features.ActionPlans;

/// <summary>Move a plan along Draft → CoCreation → Submitted → Implementation → Ended → ResultsAssessed, or withdraw it.</summary>
public sealed record MoveActionPlan([property: Required] ActionPlanStatus? Status, [property: Required] string? Reason) : EffectiveWrite
{
    private static readonly Dictionary<ActionPlanStatus, ActionPlanStatus> Next = new()
    {
        [ActionPlanStatus.Draft] = ActionPlanStatus.CoCreation,
        [ActionPlanStatus.CoCreation] = ActionPlanStatus.Submitted,
        [ActionPlanStatus.Submitted] = ActionPlanStatus.Implementation,
        [ActionPlanStatus.Implementation] = ActionPlanStatus.Ended,
        [ActionPlanStatus.Ended] = ActionPlanStatus.ResultsAssessed,
    };

    /// <summary>Where a plan in <paramref name="from"/> may move: the next step of its lifecycle, and Withdrawn until it is done.</summary>
    public static ActionPlanStatus[] Allowed(ActionPlanStatus from) =>
        from is ActionPlanStatus.Withdrawn or ActionPlanStatus.ResultsAssessed ? []
        : Next.TryGetValue(from, out var next) ? [next, ActionPlanStatus.Withdrawn] : [ActionPlanStatus.Withdrawn];

    public static object[] Decide(ActionPlan plan, MoveActionPlan c, string by, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.Required("status", c.Status).Required("reason", c.Reason).MaxLength("reason", c.Reason, 5000);
        errors.ThrowIfAny();
        var to = c.Status!.Value;
        if (!Allowed(plan.Status).Contains(to))
            throw new RuleConflict(Next.TryGetValue(plan.Status, out var allowed)
                ? $"Action plan {plan.Id} is {plan.Status}; it can move only to {allowed} or Withdrawn."
                : $"Action plan {plan.Id} is {plan.Status}; it cannot move any more.");
        return [new ActionPlanMoved(plan.Id, plan.Status, to, c.Reason!.Trim(), by, now)];
    }
}
