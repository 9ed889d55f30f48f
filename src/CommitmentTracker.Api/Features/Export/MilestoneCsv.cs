using System.Globalization;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Http;
using CsvHelper;

namespace CommitmentTracker.Features.Export;

/// <summary>milestones.csv: one row per milestone, linked to its commitment by the Commitment Unique Identifier.</summary>
public static class MilestoneCsv
{
    public const string Commitment = CommitmentCsv.Id;
    public const string Id = "Milestone ID";
    public const string Title = "Title";
    public const string Responsible = "Responsible Institution";
    public const string Start = "Start Date";
    public const string Due = "Due Date";
    public const string Weight = "Weight";
    public const string Status = "Status";
    public const string Progress = "Progress %";
    public const string Overdue = "Overdue";
    public const string Evidence = "Evidence";
    public const string Reason = CommitmentCsv.Reason;

    public static readonly string[] Texts = ["Title", "Deliverable"];

    public static string[] Header(IReadOnlyList<string> languages) =>
    [
        Commitment, Id, CommitmentCsv.Member, CommitmentCsv.Plan, Title, Responsible, Start, Due, Weight, Status, Progress, Overdue,
        Evidence, .. Texts.SelectMany(field => languages.Select(lang => $"{field} [{lang}]")),
    ];

    public static void Write(CsvWriter csv, MilestoneRow r, IReadOnlyList<string> languages)
    {
        csv.WriteField(r.CommitmentId);
        csv.WriteField(r.Id);
        csv.WriteField(r.Member);
        csv.WriteField(r.ActionPlan);
        csv.WriteField(r.Title);
        csv.WriteField(r.ResponsibleInstitution);
        csv.WriteField(r.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        csv.WriteField(r.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        csv.WriteField(r.Weight?.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(r.Status?.ToString());
        csv.WriteField(r.Progress?.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(r.Overdue == true ? "1" : "0");
        // URLs hold no spaces, so a space separates them.
        csv.WriteField(string.Join(' ', r.Evidence ?? []));
        foreach (var text in new[] { r.TitleTranslations, r.Deliverable })
            foreach (var lang in languages)
                csv.WriteField(text is not null && text.TryGetValue(lang, out var value) ? value : null);
    }

    /// <summary>Reads the importable columns, and the import-only Reason; member, plan and overdue are export-only.</summary>
    public static MilestoneRow Read(CsvSheet sheet, int row, string[] cells, FieldErrors errors) =>
        new(sheet.Text(cells, Commitment), sheet.Text(cells, Id), null, null, sheet.Text(cells, Title), sheet.Translations(cells, Title), sheet.Translations(cells, "Deliverable"),
            sheet.Text(cells, Responsible), sheet.Date(row, cells, Start, errors), sheet.Date(row, cells, Due, errors),
            sheet.Number<decimal>(row, cells, Weight, errors), sheet.Enum<MilestoneStatus>(row, cells, Status, errors),
            sheet.Number<int>(row, cells, Progress, errors), null,
            sheet.Text(cells, Evidence)?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            Reason = sheet.Text(cells, Reason), EffectiveOn = sheet.Date(row, cells, CommitmentCsv.EffectiveOn, errors),
        };

    /// <summary>The column a milestone decider's field name stands for.</summary>
    public static string Column(string field)
    {
        var head = field.Split('.', '[')[0];
        var tail = field.Length > head.Length && field[head.Length] == '.' ? field[(head.Length + 1)..] : null;
        return head switch
        {
            "commitmentId" => Commitment,
            "id" => Id,
            "reason" or "note" => Reason,
            "title" => tail is null ? Title : $"Title [{tail}]",
            "deliverable" => tail is null ? "Deliverable" : $"Deliverable [{tail}]",
            "responsibleInstitution" => Responsible,
            "start" => Start,
            "due" => Due,
            "weight" => Weight,
            "status" => Status,
            "percent" => Progress,
            "evidence" => Evidence,
            "effectiveOn" => CommitmentCsv.EffectiveOn,
            _ => field,
        };
    }
}
