namespace CommitmentTracker.Features.ActionPlans;

/// <summary>The action plan aggregate; Marten keeps it inline as the read model too.</summary>
public sealed record ActionPlan(
    string Id, string MemberCode, int Sequence, Dictionary<string, string> Title, Period Period,
    string DefaultLanguage, ActionPlanStatus Status, DateTimeOffset CreatedAt, string CreatedBy)
{
    public int Version { get; set; }

    public static string IdFor(string memberCode, int sequence) => $"{memberCode}-AP{sequence}";

    public static ActionPlan Create(ActionPlanDrafted e) =>
        new(e.PlanId, e.MemberCode, e.Sequence, e.Title, e.Period, e.DefaultLanguage, ActionPlanStatus.Draft, e.At, e.By);

    public ActionPlan Apply(ActionPlanMoved e) => this with { Status = e.To };
}
