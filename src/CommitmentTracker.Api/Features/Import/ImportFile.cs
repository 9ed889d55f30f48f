using System.Text.Json;
using CommitmentTracker.Features.Export;
using CommitmentTracker.Infrastructure.Http;
using Microsoft.Net.Http.Headers;

namespace CommitmentTracker.Features.Import;

/// <summary>The JSON import: the rows of commitments.json and milestones.json side by side.</summary>
public sealed record ImportDocument(CommitmentRow[]? Commitments, MilestoneRow[]? Milestones);

/// <summary>
/// An import's rows, each with the number it is reported under: in CSV the row a spreadsheet shows (the header is
/// row 1), in JSON the index in its array. Cells that do not parse are already in <see cref="Errors"/>.
/// </summary>
public sealed class ImportFile
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private ImportFile(bool csv, IReadOnlyList<(int Row, CommitmentRow Value)> commitments, IReadOnlyList<(int Row, MilestoneRow Value)> milestones, FieldErrors errors)
    {
        IsCsv = csv;
        Commitments = commitments;
        Milestones = milestones;
        Errors = errors;
    }

    public bool IsCsv { get; }
    public IReadOnlyList<(int Row, CommitmentRow Value)> Commitments { get; }
    public IReadOnlyList<(int Row, MilestoneRow Value)> Milestones { get; }
    public FieldErrors Errors { get; }

    /// <summary>The error key of a commitment row's field: <c>commitments[3].Policy Areas</c> (CSV), <c>commitments[2].policyAreas</c> (JSON).</summary>
    public string CommitmentKey(int row, string field) => $"commitments[{row}].{(IsCsv ? CommitmentCsv.Column(field) : field)}";

    public string MilestoneKey(int row, string field) =>
        $"milestones[{row}].{(IsCsv ? MilestoneCsv.Column(field) : field == "percent" ? "progress" : field)}";

    /// <summary>text/csv (commitments only), multipart/form-data (files "commitments" and "milestones"), or application/json.</summary>
    public static async Task<ImportFile> ReadAsync(HttpRequest request, JsonSerializerOptions json, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) throw new BadHttpRequestException($"An import is at most {MaxBytes / 1024 / 1024} MB.", 413);
        var type = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
        return type switch
        {
            "application/json" => FromJson(await ReadJson(request, json, ct)),
            "text/csv" => FromCsv(await CsvSheet.ReadAsync("commitments", request.Body, ct), null),
            "multipart/form-data" => await FromForm(request, ct),
            _ => throw new BadHttpRequestException(
                "Send text/csv (commitments.csv), multipart/form-data (files 'commitments' and 'milestones') or application/json.", 415),
        };
    }

    private static async Task<ImportDocument> ReadJson(HttpRequest request, JsonSerializerOptions json, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<ImportDocument>(request.Body, json, ct)
                   ?? throw ValidationFailed.Field("body", "must be an object with 'commitments' and 'milestones'.");
        }
        catch (JsonException e)
        {
            // The one mapper names the JSON path of the bad value.
            throw new BadHttpRequestException("The request body is not valid JSON for an import.", 400, e);
        }
    }

    private static async Task<ImportFile> FromForm(HttpRequest request, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var commitments = form.Files.GetFile("commitments") ?? throw ValidationFailed.Field("commitments", "is required: the commitments.csv file.");
        await using var c = commitments.OpenReadStream();
        await using var m = form.Files.GetFile("milestones")?.OpenReadStream();
        return await ReadCsvAsync(c, m, ct);
    }

    /// <summary>The sheets as the CSV exports write them: commitments.csv, and milestones.csv if there is one.</summary>
    public static async Task<ImportFile> ReadCsvAsync(Stream commitments, Stream? milestones, CancellationToken ct)
    {
        var sheet = await CsvSheet.ReadAsync("commitments", commitments, ct);
        return FromCsv(sheet, milestones is null ? null : await CsvSheet.ReadAsync("milestones", milestones, ct));
    }

    private static ImportFile FromJson(ImportDocument document) => new(false,
        (document.Commitments ?? []).Select((r, i) => (i, r)).ToArray(),
        (document.Milestones ?? []).Select((r, i) => (i, r)).ToArray(), new FieldErrors());

    private static ImportFile FromCsv(CsvSheet commitments, CsvSheet? milestones)
    {
        var errors = new FieldErrors();
        if (!commitments.Has(CommitmentCsv.Id))
            errors.Add($"commitments.{CommitmentCsv.Id}", "the column is missing; milestone rows refer to commitments by it.");
        if (milestones is not null && !milestones.Has(MilestoneCsv.Commitment))
            errors.Add($"milestones.{MilestoneCsv.Commitment}", "the column is missing; it names each milestone's commitment.");
        return new ImportFile(true,
            commitments.Rows.Select(r => (r.Row, CommitmentCsv.Read(commitments, r.Row, r.Cells, errors))).ToArray(),
            (milestones?.Rows ?? []).Select(r => (r.Row, MilestoneCsv.Read(milestones!, r.Row, r.Cells, errors))).ToArray(), errors);
    }
}
