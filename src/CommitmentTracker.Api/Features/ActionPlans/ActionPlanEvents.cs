using CommitmentTracker.Infrastructure.Marten;

namespace CommitmentTracker.Features.ActionPlans;

public enum ActionPlanStatus { Draft, CoCreation, Submitted, Implementation, Ended, ResultsAssessed, Withdrawn }

public sealed record Period(DateOnly Start, DateOnly End);

/// <summary>A member started drafting an action plan ("Action Plan 5").</summary>
public sealed record ActionPlanDrafted(
    string PlanId, string MemberCode, int Sequence, Dictionary<string, string> Title, Period Period,
    string DefaultLanguage, string By, DateTimeOffset At) : IDomainEvent;

/// <summary>The plan moved along its lifecycle.</summary>
public sealed record ActionPlanMoved(string PlanId, ActionPlanStatus From, ActionPlanStatus To, string Reason, string By, DateTimeOffset At)
    : IDomainEvent, IHasReason;

/// <summary>The plan's title was revised (all translations at once).</summary>
public sealed record ActionPlanRetitled(string PlanId, Dictionary<string, string> From, Dictionary<string, string> To, string Reason, string By, DateTimeOffset At)
    : IDomainEvent, IHasReason;

/// <summary>The plan's period changed, before the plan was submitted.</summary>
public sealed record ActionPlanPeriodChanged(string PlanId, Period From, Period To, string Reason, string By, DateTimeOffset At)
    : IDomainEvent, IHasReason;
