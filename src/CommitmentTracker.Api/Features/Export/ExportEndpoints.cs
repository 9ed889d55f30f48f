using System.Text.Json;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Localization;
using CsvHelper;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Features.Export;

/// <summary>The list's filters, plus asOf (a business date) and lang (the language of the Title columns).</summary>
/// <param name="Member">Member code (GE, GE-TBS).</param>
/// <param name="Plan">Action plan id (GE-AP5).</param>
/// <param name="Q">Words or part of a word, in any language or script.</param>
/// <param name="Overdue">true: has a milestone past due and not Met; false: has none.</param>
/// <param name="Sort">id, updatedAt, progress, optionally prefixed with '-'; an asOf export is ordered by id.</param>
/// <param name="AsOf">Export every commitment as it stood at the end of that day (UTC), rebuilt from its events.</param>
public sealed record ExportQuery(
    [FromQuery(Name = "member")] string? Member, [FromQuery(Name = "plan")] string? Plan,
    [FromQuery(Name = "policyArea")] PolicyArea? PolicyArea, [FromQuery(Name = "ogpValue")] OgpValue? OgpValue,
    [FromQuery(Name = "completion")] Completion? Completion, [FromQuery(Name = "irmCompletion")] IrmCompletion? IrmCompletion,
    [FromQuery(Name = "overdue")] bool? Overdue, [FromQuery(Name = "q")] string? Q, [FromQuery(Name = "sort")] string? Sort,
    [FromQuery(Name = "asOf")] DateOnly? AsOf)
{
    public CommitmentFilter Filter => new(Member, Plan, PolicyArea, OgpValue, Completion, IrmCompletion, Overdue, Q);
}

public static class ExportEndpoints
{
    private const string Csv = "text/csv; charset=utf-8";
    private const string Json = "application/json; charset=utf-8";

    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with
    {
        // Excel needs the BOM to read UTF-8 (Georgian, Armenian); a text that starts like a formula gets a leading '.
        WriteByteOrderMark = true, Injection = CsvInjection.Escape,
    };

    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder app)
    {
        var export = app.MapGroup("/api/export").WithTags("Export").WithMetadata(new ValidatedByEventsMark());
        export.MapGet("/commitments.csv", CommitmentsCsv)
            .WithSummary("Commitments as CSV in OGP's spreadsheet columns (UTF-8 with BOM), with the list's filters, asOf and lang.")
            .Produces<string>(200, "text/csv").ProducesValidationProblem();
        export.MapGet("/commitments.json", CommitmentsJson)
            .WithSummary("Commitments as a JSON array of rows, with the list's filters, asOf and lang.")
            .Produces<CommitmentRow[]>(200).ProducesValidationProblem();
        export.MapGet("/milestones.csv", MilestonesCsv)
            .WithSummary("The milestones of the selected commitments as CSV (UTF-8 with BOM), one row each.")
            .Produces<string>(200, "text/csv").ProducesValidationProblem();
        export.MapGet("/milestones.json", MilestonesJson)
            .WithSummary("The milestones of the selected commitments as a JSON array of rows.")
            .Produces<MilestoneRow[]>(200).ProducesValidationProblem();
        export.MapGet("/assessments.csv", AssessmentsCsv)
            .WithSummary("The three views side by side as CSV (UTF-8 with BOM): per commitment a row for the government's self-assessment, each CSO's "
                         + "and the IRM's, then the PoC's status and each CSO's view of each milestone a CSO assessed; with reasons, dates, versions and "
                         + "the responses to each view; the list's filters, asOf and lang.")
            .Produces<string>(200, "text/csv").ProducesValidationProblem();
        export.MapGet("/assessments.json", AssessmentsJson)
            .WithSummary("Per commitment: the self-assessment, each CSO's and the IRM's side by side with the responses to them, each CSO's view "
                         + "of each milestone, and the discussion, in REST's shapes; the list's filters, asOf and lang.")
            .Produces<AssessmentRow[]>(200).ProducesValidationProblem();
        export.MapGet("/history.jsonl", HistoryJsonLines)
            .WithSummary("The whole history of the selected commitments as JSON Lines, one event a line in global order: their plans' events "
                         + "(lifecycle, co-creation, documents), their own, their CSO assessments' and their dialogue's (comments, responses, CSO views of milestones), each with actor, role, organisation, reason, "
                         + "effectiveAt (when it took effect) and recordedAt (when it was stored); the list's filters, and asOf keeps the events in effect by then.")
            .Produces<HistoryLine>(200, "application/jsonl").ProducesValidationProblem();
        return app;
    }

    private static IResult HistoryJsonLines([AsParameters] ExportQuery q, Exporter x, IQuerySession session)
    {
        var selection = x.Select(q);
        return TypedResults.Stream(body => HistoryExport.WriteAsync(body, selection, q.Plan, session, x.Json, x.Aborted),
            "application/jsonl; charset=utf-8", x.FileName("history", "jsonl", q.AsOf));
    }

    private static async Task<IResult> CommitmentsCsv([AsParameters] ExportQuery q, Exporter x)
    {
        var selection = x.Select(q);
        var languages = await selection.Languages(x.Aborted);
        return TypedResults.Stream(body => WriteCsv(body, CommitmentCsv.Header(languages), selection.Commitments(x.Aborted), x,
            (csv, c) => { CommitmentCsv.Write(csv, CommitmentRow.From(c, x.Lang, selection.Today), languages); return 1; }),
            Csv, x.FileName("commitments", "csv", q.AsOf));
    }

    private static async Task<IResult> MilestonesCsv([AsParameters] ExportQuery q, Exporter x)
    {
        var selection = x.Select(q);
        var languages = await selection.Languages(x.Aborted);
        return TypedResults.Stream(body => WriteCsv(body, MilestoneCsv.Header(languages), selection.Commitments(x.Aborted), x, (csv, c) =>
        {
            var rows = 0;
            foreach (var row in MilestoneRow.From(c, x.Lang, selection.Today))
            {
                if (rows++ > 0) csv.EndRecord();
                MilestoneCsv.Write(csv, row, languages);
            }
            return rows;
        }), Csv, x.FileName("milestones", "csv", q.AsOf));
    }

    private static IResult AssessmentsCsv([AsParameters] ExportQuery q, Exporter x)
    {
        var selection = x.Select(q);
        return TypedResults.Stream(body => WriteCsv(body, AssessmentCsv.Header, x.Views(selection), x,
            (csv, view) => AssessmentCsv.Write(csv, AssessmentRow.From(view))), Csv, x.FileName("assessments", "csv", q.AsOf));
    }

    private static IResult AssessmentsJson([AsParameters] ExportQuery q, Exporter x)
    {
        var selection = x.Select(q);
        return TypedResults.Stream(body => JsonSerializer.SerializeAsync(body, x.Views(selection).Select(AssessmentRow.From), x.Json, x.Aborted),
            Json, x.FileName("assessments", "json", q.AsOf));
    }

    private static IResult CommitmentsJson([AsParameters] ExportQuery q, Exporter x)
    {
        var selection = x.Select(q);
        return TypedResults.Stream(body => JsonSerializer.SerializeAsync(body,
                selection.Commitments(x.Aborted).Select(c => CommitmentRow.From(c, x.Lang, selection.Today)), x.Json, x.Aborted),
            Json, x.FileName("commitments", "json", q.AsOf));
    }

    private static IResult MilestonesJson([AsParameters] ExportQuery q, Exporter x)
    {
        var selection = x.Select(q);
        return TypedResults.Stream(body => JsonSerializer.SerializeAsync(body,
                selection.Commitments(x.Aborted).SelectMany(c => MilestoneRow.From(c, x.Lang, selection.Today)), x.Json, x.Aborted),
            Json, x.FileName("milestones", "json", q.AsOf));
    }

    /// <summary>Writes the header, then each commitment's rows as PostgreSQL hands them over, flushing as the buffer fills.</summary>
    private static async Task WriteCsv<T>(Stream body, string[] header, IAsyncEnumerable<T> commitments, Exporter x, Func<CsvWriter, T, int> write)
    {
        await using var csv = CsvWriter.Create(body, CsvOptions, leaveOpen: true);
        csv.WriteHeader(header);
        await foreach (var commitment in commitments)
            if (write(csv, commitment) > 0) await csv.EndRecordAsync(x.Aborted);
        await csv.FlushAsync(x.Aborted);
    }

    /// <summary>What every export needs from the request.</summary>
    public sealed class Exporter(CommitmentReads reads, IHttpContextAccessor accessor, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        private HttpContext Http => accessor.HttpContext!;
        public CancellationToken Aborted => Http.RequestAborted;
        public IReadOnlyList<string> Lang { get; } = LocalizedText.RequestedLanguages(accessor.HttpContext!.Request);
        public JsonSerializerOptions Json => json.Value.SerializerOptions;

        public CommitmentSelection Select(ExportQuery q) => reads.Select(q.Filter, q.Sort, q.AsOf);

        public IAsyncEnumerable<CommitmentView> Views(CommitmentSelection selection) => reads.Views(selection, Lang, Aborted);

        public string FileName(string what, string extension, DateOnly? asOf) =>
            asOf is { } d ? $"{what}-{d:yyyy-MM-dd}.{extension}" : $"{what}.{extension}";
    }

    public static IServiceCollection AddExport(this IServiceCollection services) => services.AddScoped<Exporter>();
}
