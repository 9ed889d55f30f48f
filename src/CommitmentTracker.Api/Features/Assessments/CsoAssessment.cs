using CommitmentTracker.Features.Commitments;

namespace CommitmentTracker.Features.Assessments;

public sealed record CsoAssessmentEntry(Completion Completion, string Comment, EvidenceLink[] Evidence, string By, DateTimeOffset At);

/// <summary>One CSO's assessment stream for one commitment: the latest view and every earlier one.</summary>
public sealed record CsoAssessment(string Id, string CommitmentId, string Organisation, CsoAssessmentEntry Latest, CsoAssessmentEntry[] History)
{
    public int Version { get; set; }

    /// <summary>Stream key: one stream per commitment and organisation.</summary>
    public static string IdFor(string commitmentId, string organisation) =>
        $"{commitmentId}~cso~{Uri.EscapeDataString(organisation.Trim().ToLowerInvariant())}";

    public static CsoAssessment Create(CsoAssessmentFiled e) =>
        new(e.AssessmentId, e.CommitmentId, e.Organisation, Entry(e), [Entry(e)]);

    public CsoAssessment Apply(CsoAssessmentFiled e) => this with { Latest = Entry(e), History = [.. History, Entry(e)] };

    /// <summary>The latest view filed before <paramref name="cutoff"/>, with how many were; null when none was yet.</summary>
    public CsoView? ViewBefore(DateTimeOffset cutoff)
    {
        var filed = History.Where(h => h.At < cutoff).ToArray();
        if (filed.Length == 0) return null;
        var last = filed[^1];
        return new CsoView(Organisation, last.Completion, last.Comment, last.Evidence, last.By, last.At, filed.Length);
    }

    private static CsoAssessmentEntry Entry(CsoAssessmentFiled e) => new(e.Completion, e.Comment, e.Evidence, e.By, e.At);
}
