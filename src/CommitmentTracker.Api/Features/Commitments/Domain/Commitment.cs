using System.Text.Json.Serialization;
using CommitmentTracker.Features.Assessments;

namespace CommitmentTracker.Features.Commitments;

public sealed record Milestone(
    string Id, Dictionary<string, string> Title, Dictionary<string, string>? Deliverable, string? ResponsibleInstitution,
    DateOnly Start, DateOnly Due, decimal? Weight, MilestoneStatus Status, int Progress, EvidenceLink[] Evidence)
{
    /// <summary>Overdue: the due date has passed and it is not Met.</summary>
    public bool IsOverdue(DateOnly today) => Due < today && Status != MilestoneStatus.Met;
}

/// <summary>The government's latest self-assessment: completion, why, and evidence.</summary>
public sealed record SelfAssessment(Completion Completion, string Reason, EvidenceLink[] Evidence, string By, DateTimeOffset At);

/// <summary>The commitment aggregate, with its milestones inside: the consistency boundary. Kept inline as the read model.</summary>
public sealed record Commitment(
    string Id, string PlanId, string MemberCode, string DefaultLanguage,
    Dictionary<string, string> Title, Dictionary<string, string>? Description, Dictionary<string, string>? Problem,
    Dictionary<string, string>? Objective, Institution LeadInstitution, Institution[] SupportingInstitutions,
    PolicyArea[] PolicyAreas, OgpValue[] OgpValues, bool Subnational, Completion Completion, bool Withdrawn,
    Milestone[] Milestones, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IrmAssessment? Irm = null,
    SelfAssessment? Self = null)
{
    public int Version { get; set; }

    /// <summary>The mean of the milestones' progress, weighted when every milestone has a weight.</summary>
    public decimal Progress => Milestones.Length == 0 ? 0
        : Milestones.All(m => m.Weight is > 0)
            ? Math.Round(Milestones.Sum(m => m.Progress * m.Weight!.Value) / Milestones.Sum(m => m.Weight!.Value), 1)
            : Math.Round((decimal)Milestones.Average(m => m.Progress), 1);

    /// <summary>The earliest due date among milestones not Met: the commitment is overdue when it is before today.</summary>
    public DateOnly? EarliestOpenDue => Milestones.Where(m => m.Status != MilestoneStatus.Met).Select(m => (DateOnly?)m.Due).Min();

    // Columns for the dashboard stats only (Marten duplicates them from these getters); the document JSON leaves them out.

    /// <summary>OGP's starred rule over the IRM's verdict; false until the IRM has assessed both design and results.</summary>
    [JsonIgnore] public bool Starred => Irm?.Starred ?? false;

    /// <summary>The IRM's results completion, when assessed.</summary>
    [JsonIgnore] public string? IrmResultsCompletion => Irm?.Results?.Completion.ToString();

    /// <summary>Bit n set for the policy area of value n: the stats group by an integer, not by an array.</summary>
    [JsonIgnore] public int PolicyAreaMask => PolicyAreas.Aggregate(0, (mask, a) => mask | 1 << (int)a);

    /// <summary>Bit n set for the OGP value of value n.</summary>
    [JsonIgnore] public int OgpValueMask => OgpValues.Aggregate(0, (mask, v) => mask | 1 << (int)v);

    /// <summary>Every word of the commitment in every language: what <c>q</c> matches (<see cref="CommitmentSearch"/> keeps them in SQL).</summary>
    public IEnumerable<string> SearchWords() => Commitments.SearchWords.OfCommitment(
        Id, LeadInstitution, SupportingInstitutions, new[] { Title, Description, Problem, Objective }.Concat(Milestones.Select(m => m.Title)));

    public static Commitment Create(CommitmentMade e) => new(
        e.CommitmentId, e.PlanId, e.MemberCode, e.DefaultLanguage, e.Title, e.Description, e.Problem, e.Objective,
        e.LeadInstitution, e.SupportingInstitutions, e.PolicyAreas, e.OgpValues, e.Subnational,
        Completion.NotStarted, false, [], e.At, e.At);

    public Commitment Apply(CommitmentRevised e) => this with
    {
        Title = e.Title ?? Title, Description = e.Description ?? Description, Problem = e.Problem ?? Problem,
        Objective = e.Objective ?? Objective, LeadInstitution = e.LeadInstitution ?? LeadInstitution,
        SupportingInstitutions = e.SupportingInstitutions ?? SupportingInstitutions,
        PolicyAreas = e.PolicyAreas ?? PolicyAreas, OgpValues = e.OgpValues ?? OgpValues, UpdatedAt = e.At,
    };

    public Commitment Apply(MilestoneAdded e) => this with
    {
        Milestones = [.. Milestones, new Milestone(e.MilestoneId, e.Title, e.Deliverable, e.ResponsibleInstitution,
            e.Start, e.Due, e.Weight, MilestoneStatus.Scheduled, 0, [])],
        UpdatedAt = e.At,
    };

    public Commitment Apply(MilestoneProgressReported e) => WithMilestone(e.MilestoneId, e.At, m => m with
    {
        Progress = e.Percent, Status = e.Status, Evidence = [.. m.Evidence, .. e.Evidence],
    });

    public Commitment Apply(MilestoneRescheduled e) => WithMilestone(e.MilestoneId, e.At, m => m with { Start = e.Start, Due = e.Due });

    public Commitment Apply(CommitmentCompletionChanged e) => this with
    {
        Completion = e.Completion, Self = new SelfAssessment(e.Completion, e.Reason, e.Evidence, e.By, e.At), UpdatedAt = e.At,
    };

    public Commitment Apply(IrmDesignAssessed e) => this with
    {
        Irm = (Irm ?? new IrmAssessment(null, null)) with
            { Design = new IrmDesign(e.Verifiable, e.OpenGovernmentLens, e.PotentialForResults, e.Promising, e.Comment, e.At), Revision = (Irm?.Revision ?? 0) + 1 },
        UpdatedAt = e.At,
    };

    public Commitment Apply(IrmResultsAssessed e) => this with
    {
        Irm = (Irm ?? new IrmAssessment(null, null)) with { Results = new IrmResults(e.Completion, e.DidItOpenGovernment, e.Comment, e.At), Revision = (Irm?.Revision ?? 0) + 1 },
        UpdatedAt = e.At,
    };

    public Commitment Apply(CommitmentWithdrawn e) => this with { Completion = Completion.Withdrawn, Withdrawn = true, UpdatedAt = e.At };

    private Commitment WithMilestone(string id, DateTimeOffset at, Func<Milestone, Milestone> change) => this with
    {
        Milestones = Milestones.Select(m => m.Id == id ? change(m) : m).ToArray(),
        UpdatedAt = at,
    };
}
