using System.Globalization;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Dialogue.Responses;
using CsvHelper;

namespace CommitmentTracker.Features.Export;

/// <summary>
/// assessments.csv: one row per view, a commitment's rows together: the government's, then each CSO's, then the IRM's,
/// then, per milestone that a CSO assessed, the PoC's status followed by each CSO's view. Responses to a view are in its
/// Responses cell, one a line. Comments are only in assessments.json.
/// </summary>
public static class AssessmentCsv
{
    public const string Milestone = "Milestone ID";
    public const string Assessor = "Assessor";
    public const string Organisation = "Organisation";
    public const string Completion = "Completion";
    public const string MilestoneStatus = "Milestone Status";
    public const string Comment = "Comment or Reason";
    public const string Evidence = "Evidence";
    public const string By = "By";
    public const string At = "Assessed At";
    public const string Version = "Version";
    public const string Responses = "Responses";

    public const string Government = "Government";
    public const string Cso = "CSO";
    public const string Irm = "IRM";

    public static readonly string[] Header =
    [
        CommitmentCsv.Id, CommitmentCsv.Member, CommitmentCsv.Plan, CommitmentCsv.Title, Milestone, Assessor, Organisation, Completion,
        MilestoneStatus, CommitmentCsv.Potential, CommitmentCsv.DidItOpenGovernment, CommitmentCsv.Starred, Comment, Evidence, By, At,
        Version, Responses,
    ];

    private sealed record Line(
        string? Milestone, string Assessor, string? Organisation, string? Completion, string? MilestoneStatus, string? Potential,
        string? DidItOpenGovernment, bool? Starred, string? Comment, EvidenceLink[] Evidence, string? By, DateTimeOffset? At, long? Version,
        ResponseView[] Responses);

    /// <summary>Writes the commitment's rows; returns how many (the caller ends each record but the last).</summary>
    public static int Write(CsvWriter csv, AssessmentRow row)
    {
        var lines = Lines(row).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0) csv.EndRecord();
            Write(csv, row, lines[i]);
        }
        return lines.Count;
    }

    private static IEnumerable<Line> Lines(AssessmentRow row)
    {
        var a = row.Assessments;
        yield return new Line(null, Government, null, row.Completion.ToString(), null, null, null, null, a.Self?.Reason,
            a.Self?.Evidence ?? [], a.Self?.By, a.Self?.At, null, []);
        foreach (var c in a.Cso)
            yield return new Line(null, Cso, c.Organisation, c.Completion.ToString(), null, null, null, null, c.Comment, c.Evidence, c.By, c.At,
                c.Assessments, c.Responses);
        if (a.Irm is { } irm)
            yield return new Line(null, Irm, null, irm.Results?.Completion.ToString(), null, irm.Design?.PotentialForResults.ToString(),
                irm.Results?.DidItOpenGovernment.ToString(), irm.Starred, irm.Results?.Comment ?? irm.Design?.Comment, [], null,
                irm.Results?.At ?? irm.Design?.At, irm.Revision, irm.Responses);
        foreach (var m in row.Milestones.Where(m => m.CsoAssessments.Length > 0))
        {
            yield return new Line(m.Id, Government, null, null, m.Status.ToString(), null, null, null, null, [], null, null, null, []);
            foreach (var c in m.CsoAssessments)
                yield return new Line(m.Id, Cso, c.Organisation, null, c.Status.ToString(), null, null, null, c.Comment, c.Evidence, c.By, c.At,
                    c.Assessments, []);
        }
    }

    private static void Write(CsvWriter csv, AssessmentRow row, Line line)
    {
        string?[] cells =
        [
            row.Id, row.Member, row.ActionPlan, row.Title, line.Milestone, line.Assessor, line.Organisation, line.Completion,
            line.MilestoneStatus, line.Potential, line.DidItOpenGovernment, line.Starred switch { true => "1", false => "0", null => null },
            line.Comment, string.Join(' ', line.Evidence.Select(e => e.Url)), line.By,
            line.At?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            line.Version?.ToString(CultureInfo.InvariantCulture), string.Join('\n', line.Responses.Select(Response)),
        ];
        foreach (var cell in cells) csv.WriteField(cell);
    }

    private static string Response(ResponseView r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Stance} (to version {r.AssessmentVersion}{(r.AnswersLatest ? "" : ", since revised")}) by {r.ResponderOrganisation}, {r.At:yyyy-MM-dd}: {r.Text}");
}
