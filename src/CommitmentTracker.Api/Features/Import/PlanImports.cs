using CommitmentTracker.Infrastructure.Marten;

namespace CommitmentTracker.Features.Import;

/// <summary>
/// A bulk import created commitments in a plan. <c>Keys</c> maps each created row's Commitment Unique Identifier, as the
/// file had it, to the id the commitment got: a re-import of the same file finds its commitments through it.
/// <c>Updated</c> counts the commitments it changed, whose own streams hold the changes.
/// </summary>
public sealed record ActionPlanImported(
    string PlanId, Dictionary<string, string> Keys, int Created, int Unchanged, string By, DateTimeOffset At) : IDomainEvent
{
    public int Updated { get; init; }
}

/// <summary>Every file key ever imported into a plan, in the plan's own import stream (<c>GE-AP5~imports</c>).</summary>
public sealed record PlanImports(string Id, string PlanId, Dictionary<string, string> Keys)
{
    public int Version { get; set; }

    public static string IdFor(string planId) => $"{planId}~imports";

    public static PlanImports Create(ActionPlanImported e) => new(IdFor(e.PlanId), e.PlanId, new Dictionary<string, string>(e.Keys));

    public PlanImports Apply(ActionPlanImported e) => this with
    {
        Keys = Keys.Concat(e.Keys).GroupBy(k => k.Key).ToDictionary(g => g.Key, g => g.Last().Value),
    };
}
