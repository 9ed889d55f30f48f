using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using CommitmentTracker.Infrastructure.Http;
using CsvHelper;

namespace CommitmentTracker.Features.Export;

/// <summary>
/// One CSV file read whole (imports are size-limited), with each record's row number as a spreadsheet shows it:
/// the header is row 1, the first record row 2. Cells are read by column name, ignoring case and surrounding spaces.
/// </summary>
public sealed partial class CsvSheet
{
    // Export escapes a text cell that a spreadsheet would run as a formula with a leading apostrophe; reading undoes it.
    private const string FormulaStarts = "=@+-\t\r";

    [GeneratedRegex(@"^\s*(?<field>[^\[]+?)\s*\[(?<lang>[^\]]+)\]\s*$")]
    private static partial Regex LanguageColumn();

    private readonly Dictionary<string, int> columns;

    private CsvSheet(string name, IReadOnlyList<string> headers, List<(int Row, string[] Cells)> rows)
    {
        Name = name;
        Headers = headers;
        Rows = rows;
        columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = headers.Count - 1; i >= 0; i--) columns[headers[i].Trim()] = i;
    }

    /// <summary>The name its rows are reported under: <c>commitments[5].Title</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<(int Row, string[] Cells)> Rows { get; }

    public static async Task<CsvSheet> ReadAsync(string name, Stream stream, CancellationToken ct)
    {
        await using var reader = CsvReader.Create(stream, new CsvReaderOptions { SkipEmptyLines = true }, leaveOpen: true);
        await reader.ReadHeaderAsync(ct);
        var headers = reader.Headers.ToArray();
        var rows = new List<(int, string[])>();
        while (await reader.ReadAsync(ct))
        {
            var cells = new string[headers.Length];
            for (var i = 0; i < headers.Length; i++) cells[i] = i < reader.FieldCount ? reader.GetString(i) : "";
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(((int)reader.RowNumber + 1, cells));
        }
        return new CsvSheet(name, headers, rows);
    }

    public bool Has(string column) => columns.ContainsKey(column);

    /// <summary>The cell, trimmed, with a formula escape removed; null when empty or the column is absent.</summary>
    public string? Text(string[] cells, string column)
    {
        if (!columns.TryGetValue(column, out var i)) return null;
        var value = cells[i].Trim();
        if (value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1])) value = value[1..];
        return value.Length == 0 ? null : value;
    }

    /// <summary>The "Title [ka]" columns of a field, as a language map; null when none of them has text.</summary>
    public Dictionary<string, string>? Translations(string[] cells, string field)
    {
        Dictionary<string, string>? map = null;
        foreach (var header in Headers)
        {
            var match = LanguageColumn().Match(header);
            if (!match.Success || !string.Equals(match.Groups["field"].Value, field, StringComparison.OrdinalIgnoreCase)) continue;
            map ??= new Dictionary<string, string>(StringComparer.Ordinal);
            if (Text(cells, header) is { } text) map[match.Groups["lang"].Value.Trim()] = text;
        }
        return map is { Count: > 0 } ? map : null;
    }

    public string Key(int row, string column) => $"{Name}[{row}].{column}";

    public T? Enum<T>(int row, string[] cells, string column, FieldErrors errors) where T : struct, Enum
    {
        var text = Text(cells, column);
        if (text is null) return null;
        if (System.Enum.TryParse<T>(text.Replace(" ", ""), ignoreCase: true, out var value) && System.Enum.IsDefined(value)) return value;
        errors.Add(Key(row, column), $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}.");
        return null;
    }

    public T[]? Enums<T>(int row, string[] cells, string column, FieldErrors errors) where T : struct, Enum
    {
        var items = List(cells, column);
        if (items is null) return null;
        var values = new List<T>();
        foreach (var item in items)
        {
            if (System.Enum.TryParse<T>(item.Replace(" ", ""), ignoreCase: true, out var value) && System.Enum.IsDefined(value)) values.Add(value);
            else errors.Add(Key(row, column), $"'{item}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}.");
        }
        return values.ToArray();
    }

    /// <summary>A list cell: items separated by ';'.</summary>
    public string[]? List(string[] cells, string column) =>
        Text(cells, column)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A 0/1 cell (also yes/no, true/false).</summary>
    public bool? Flag(int row, string[] cells, string column, FieldErrors errors)
    {
        switch (Text(cells, column)?.ToLowerInvariant())
        {
            case null: return null;
            case "1" or "yes" or "true" or "y": return true;
            case "0" or "no" or "false" or "n": return false;
            case var other: errors.Add(Key(row, column), $"'{other}' is not 0 or 1."); return null;
        }
    }

    public T? Number<T>(int row, string[] cells, string column, FieldErrors errors) where T : struct, INumber<T>
    {
        var text = Text(cells, column);
        if (text is null) return null;
        if (T.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(Key(row, column), $"'{text}' is not a number.");
        return null;
    }

    public DateOnly? Date(int row, string[] cells, string column, FieldErrors errors)
    {
        var text = Text(cells, column);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(Key(row, column), $"'{text}' is not a date: use yyyy-MM-dd, like 2024-12-31.");
        return null;
    }
}
