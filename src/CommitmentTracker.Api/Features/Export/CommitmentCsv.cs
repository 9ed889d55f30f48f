using System.Globalization;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Http;
using CsvHelper;

namespace CommitmentTracker.Features.Export;

/// <summary>
/// commitments.csv: OGP's spreadsheet columns first, then what a lossless round trip needs (institution kinds,
/// subnational, and every text in every language as "Title [ka]", "Description [en]", ...).
/// </summary>
public static class CommitmentCsv
{
    public const string Id = "Commitment Unique Identifier";
    public const string Member = "Country/Locality";
    public const string Plan = "Action Plan";
    public const string Title = "Title";
    public const string Lead = "Lead Institution";
    public const string Supporting = "Supporting Institutions";
    public const string PolicyAreas = "Policy Areas";
    public const string Potential = "Potential for Results";
    public const string Completion = "Completion (self)";
    public const string IrmCompletion = "Completion (IRM)";
    public const string DidItOpenGovernment = "Did It Open Government";
    public const string Starred = "Starred";
    public const string Progress = "Progress %";
    public const string Overdue = "Overdue Milestones";
    public const string LeadKind = "Lead Institution Kind";
    public const string SupportingKinds = "Supporting Institution Kinds";
    public const string Subnational = "Subnational";

    /// <summary>Import only: why a row changes what it matches.</summary>
    public const string Reason = "Reason";

    /// <summary>Import only: the day the row took effect (yyyy-MM-dd); JSON's <c>effectiveOn</c>.</summary>
    public const string EffectiveOn = "Effective On";

    /// <summary>OGP's value columns, 0 or 1 each.</summary>
    public static readonly (OgpValue Value, string Column)[] Values =
    [
        (OgpValue.AccessToInformation, "Access to Information"), (OgpValue.CivicParticipation, "Civic Participation"),
        (OgpValue.PublicAccountability, "Public Accountability"), (OgpValue.TechnologyAndInnovation, "Technology & Innovation"),
    ];

    /// <summary>The localized fields, each written once per language.</summary>
    public static readonly string[] Texts = ["Title", "Description", "Problem", "Objective"];

    public static string[] Header(IReadOnlyList<string> languages) =>
    [
        Id, Member, Plan, Title, Lead, Supporting, PolicyAreas, .. Values.Select(v => v.Column), Potential, Completion, IrmCompletion,
        DidItOpenGovernment, Starred, Progress, Overdue, LeadKind, SupportingKinds, Subnational,
        .. Texts.SelectMany(field => languages.Select(lang => $"{field} [{lang}]")),
    ];

    public static void Write(CsvWriter csv, CommitmentRow r, IReadOnlyList<string> languages)
    {
        csv.WriteField(r.Id);
        csv.WriteField(r.Member);
        csv.WriteField(r.ActionPlan);
        csv.WriteField(r.Title);
        csv.WriteField(r.LeadInstitution?.Name);
        csv.WriteField(string.Join("; ", (r.SupportingInstitutions ?? []).Select(i => i.Name)));
        csv.WriteField(string.Join("; ", r.PolicyAreas ?? []));
        foreach (var (value, _) in Values) csv.WriteField(Bit(r.OgpValues?.Contains(value) == true));
        csv.WriteField(r.PotentialForResults?.ToString());
        csv.WriteField(r.Completion?.ToString());
        csv.WriteField(r.IrmCompletion?.ToString());
        csv.WriteField(r.DidItOpenGovernment?.ToString());
        csv.WriteField(Bit(r.Starred == true));
        csv.WriteField((r.Progress ?? 0).ToString(CultureInfo.InvariantCulture));
        csv.WriteField((r.OverdueMilestones ?? 0).ToString(CultureInfo.InvariantCulture));
        csv.WriteField(r.LeadInstitution?.Kind.ToString());
        csv.WriteField(string.Join("; ", (r.SupportingInstitutions ?? []).Select(i => i.Kind)));
        csv.WriteField(Bit(r.Subnational == true));
        foreach (var text in new[] { r.TitleTranslations, r.Description, r.Problem, r.Objective })
            foreach (var lang in languages)
                csv.WriteField(text is not null && text.TryGetValue(lang, out var value) ? value : null);
    }

    /// <summary>
    /// Reads the importable columns of a row, and the import-only Reason. The export-only ones (IRM, starred, progress,
    /// overdue, member, plan) are not read.
    /// </summary>
    public static CommitmentRow Read(CsvSheet sheet, int row, string[] cells, FieldErrors errors)
    {
        var leadKind = sheet.Enum<InstitutionKind>(row, cells, LeadKind, errors) ?? InstitutionKind.Government;
        var lead = sheet.Text(cells, Lead) is { } name ? new Institution(name, leadKind) : null;
        var names = sheet.List(cells, Supporting) ?? [];
        var kinds = sheet.Enums<InstitutionKind>(row, cells, SupportingKinds, errors) ?? [];
        if (kinds.Length > 0 && kinds.Length != names.Length)
            errors.Add(sheet.Key(row, SupportingKinds), $"lists {kinds.Length} kinds for {names.Length} institutions; separate both with ';'.");
        // A column the sheet leaves out is null, so a row that updates a commitment needs only the columns it changes.
        var supporting = sheet.Has(Supporting) ? names.Select((n, i) => new Institution(n, i < kinds.Length ? kinds[i] : InstitutionKind.Government)).ToArray() : null;
        var values = new List<OgpValue>();
        foreach (var (value, column) in Values)
            if (sheet.Flag(row, cells, column, errors) == true) values.Add(value);
        return new CommitmentRow(
            sheet.Text(cells, Id), null, null, sheet.Text(cells, Title), sheet.Translations(cells, Title), sheet.Translations(cells, "Description"), sheet.Translations(cells, "Problem"),
            sheet.Translations(cells, "Objective"), lead, supporting, sheet.Enums<PolicyArea>(row, cells, PolicyAreas, errors),
            Values.Any(v => sheet.Has(v.Column)) ? values.ToArray() : null,
            sheet.Flag(row, cells, Subnational, errors), sheet.Enum<Commitments.Completion>(row, cells, Completion, errors),
            null, null, null, null, null, null) { Reason = sheet.Text(cells, Reason), EffectiveOn = sheet.Date(row, cells, EffectiveOn, errors) };
    }

    /// <summary>The column a decider's field name stands for: <c>title.ka</c> is "Title [ka]".</summary>
    public static string Column(string field)
    {
        var head = field.Split('.', '[')[0];
        var tail = field.Length > head.Length && field[head.Length] == '.' ? field[(head.Length + 1)..] : null;
        return head switch
        {
            "title" or "description" or "problem" or "objective" => tail is null
                ? char.ToUpperInvariant(head[0]) + head[1..]
                : $"{char.ToUpperInvariant(head[0])}{head[1..]} [{tail}]",
            "id" => Id,
            "leadInstitution" => Lead,
            "supportingInstitutions" => Supporting,
            "policyAreas" => PolicyAreas,
            "ogpValues" => Values[0].Column,
            "completion" => Completion,
            "subnational" => Subnational,
            "reason" => Reason,
            "effectiveOn" => EffectiveOn,
            _ => field,
        };
    }

    private static string Bit(bool on) => on ? "1" : "0";
}
