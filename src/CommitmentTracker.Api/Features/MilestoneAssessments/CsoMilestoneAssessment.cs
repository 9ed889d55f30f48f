using CommitmentTracker.Features.Commitments;

namespace CommitmentTracker.Features.MilestoneAssessments;

public sealed record CsoMilestoneEntry(MilestoneStatus Status, string Comment, EvidenceLink[] Evidence, string By, DateTimeOffset At);

/// <summary>One CSO's assessment stream for one milestone ({milestone}~cso~{organisation}): the latest view and every earlier one.</summary>
public sealed record CsoMilestoneAssessment(
    string Id, string CommitmentId, string MilestoneId, string Organisation, CsoMilestoneEntry Latest, CsoMilestoneEntry[] History)
{
    public int Version { get; set; }

    public static string IdFor(string milestoneId, string organisation) =>
        $"{milestoneId}~cso~{Uri.EscapeDataString(organisation.Trim().ToLowerInvariant())}";

    public static CsoMilestoneAssessment Create(CsoMilestoneAssessed e) =>
        new(e.AssessmentId, e.CommitmentId, e.MilestoneId, e.Organisation, Entry(e), [Entry(e)]);

    public CsoMilestoneAssessment Apply(CsoMilestoneAssessed e) => this with { Latest = Entry(e), History = [.. History, Entry(e)] };

    private static CsoMilestoneEntry Entry(CsoMilestoneAssessed e) => new(e.Status, e.Comment, e.Evidence, e.By, e.At);
}

/// <summary>One CSO's latest view of a milestone, beside the PoC's progress report; <c>assessments</c> counts its filings.</summary>
public sealed record CsoMilestoneView(
    string Organisation, MilestoneStatus Status, string Comment, EvidenceLink[] Evidence, string By, DateTimeOffset At, int Assessments)
{
    /// <summary>Each CSO's view of each milestone as it stood before <paramref name="cutoff"/>, by milestone id.</summary>
    public static ILookup<string, CsoMilestoneView> ByMilestone(IEnumerable<CsoMilestoneAssessment> streams, DateTimeOffset cutoff) => streams
        .OrderBy(s => s.Organisation, StringComparer.Ordinal)
        .Select(s => (s.MilestoneId, s.Organisation, Entries: s.History.Where(h => h.At < cutoff).ToArray()))
        .Where(s => s.Entries.Length > 0)
        .ToLookup(s => s.MilestoneId, s => new CsoMilestoneView(s.Organisation, s.Entries[^1].Status, s.Entries[^1].Comment,
            s.Entries[^1].Evidence, s.Entries[^1].By, s.Entries[^1].At, s.Entries.Length));
}
