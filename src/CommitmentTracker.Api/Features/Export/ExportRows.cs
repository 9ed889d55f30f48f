using System.Text.Json.Serialization;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.Export;

/// <summary>
/// One commitment as the exports write it and the import reads it: the JSON names are these, the CSV names are
/// OGP's spreadsheet columns (<see cref="CommitmentCsv"/>). <c>title</c> is in the requested language; the maps hold
/// every translation. The IRM columns, starred, progress and overdue are written but never read back.
/// </summary>
public sealed record CommitmentRow(
    string? Id, string? Member, string? ActionPlan, string? Title, Dictionary<string, string>? TitleTranslations,
    Dictionary<string, string>? Description, Dictionary<string, string>? Problem, Dictionary<string, string>? Objective,
    Institution? LeadInstitution, Institution[]? SupportingInstitutions, PolicyArea[]? PolicyAreas, OgpValue[]? OgpValues,
    bool? Subnational, Completion? Completion, PotentialForResults? PotentialForResults, IrmCompletion? IrmCompletion,
    DidItOpenGovernment? DidItOpenGovernment, bool? Starred, decimal? Progress, int? OverdueMilestones)
{
    public static CommitmentRow From(Commitment c, IReadOnlyList<string> lang, DateOnly today) => new(
        c.Id, c.MemberCode, c.PlanId, LocalizedText.Resolve(c.Title, lang, c.DefaultLanguage), c.Title, c.Description, c.Problem,
        c.Objective, c.LeadInstitution, c.SupportingInstitutions, c.PolicyAreas, c.OgpValues, c.Subnational, c.Completion,
        c.Irm?.Design?.PotentialForResults, c.Irm?.Results?.Completion, c.Irm?.Results?.DidItOpenGovernment, c.Irm?.Starred ?? false,
        c.Progress, c.Milestones.Count(m => m.IsOverdue(today)));

    /// <summary>Import only, never exported: why this row changes the commitment it matches (else the file's one reason).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary>Import only: the day this row's creations and changes took effect (yyyy-MM-dd), and its milestone rows' unless they give their own; else the file's <c>effectiveOn</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? EffectiveOn { get; init; }
}

/// <summary>One milestone, linked to its commitment by <c>commitmentId</c> (the Commitment Unique Identifier).</summary>
public sealed record MilestoneRow(
    string? CommitmentId, string? Id, string? Member, string? ActionPlan, string? Title, Dictionary<string, string>? TitleTranslations,
    Dictionary<string, string>? Deliverable, string? ResponsibleInstitution, DateOnly? Start, DateOnly? Due, decimal? Weight,
    MilestoneStatus? Status, int? Progress, bool? Overdue, string[]? Evidence)
{
    public static IEnumerable<MilestoneRow> From(Commitment c, IReadOnlyList<string> lang, DateOnly today) =>
        c.Milestones.Select(m => new MilestoneRow(
            c.Id, m.Id, c.MemberCode, c.PlanId, LocalizedText.Resolve(m.Title, lang, c.DefaultLanguage), m.Title, m.Deliverable,
            m.ResponsibleInstitution, m.Start, m.Due, m.Weight, m.Status, m.Progress, m.IsOverdue(today),
            m.Evidence.Select(e => e.Url).ToArray()));

    /// <summary>Import only, never exported: why this row changes the milestone it matches (else its commitment row's, else the file's reason).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary>Import only: the day this milestone row's changes took effect (yyyy-MM-dd); else its commitment row's, else the file's.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? EffectiveOn { get; init; }
}
