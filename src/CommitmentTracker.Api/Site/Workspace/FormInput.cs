using System.Globalization;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Http;

namespace CommitmentTracker.Site.Workspace;

/// <summary>
/// A posted form read as the API's request body: the same field names, blank as absent. A value the body's type cannot
/// hold (letters in a number) is a field error, as the API's JSON binding makes it; <see cref="Check"/> throws them.
/// </summary>
public sealed class FormInput(IFormCollection form)
{
    private readonly FieldErrors errors = new();

    public string? Text(string name) => form[name].ToString() is { Length: > 0 } t && !string.IsNullOrWhiteSpace(t) ? t : null;

    public int? Int(string name) => Parse(name, t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (int?)null, "must be a whole number.");

    public decimal? Decimal(string name) => Parse(name, t => decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : (decimal?)null, "must be a number.");

    public bool? Bool(string name) => Parse(name, t => t switch { "true" => true, "false" => (bool?)false, _ => null }, "must be true or false.");

    /// <summary>Whether any field whose name starts with <paramref name="prefix"/> (<c>design.</c>) is filled: that part of the body is sent.</summary>
    public bool Any(string prefix) => form.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal) && Text(k) is not null);

    public DateOnly? Date(string name) => Parse(name, t => DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : (DateOnly?)null, "must be a date as yyyy-MM-dd.");

    public T? Enum<T>(string name) where T : struct, System.Enum =>
        Parse(name, t => System.Enum.TryParse<T>(t, false, out var v) && System.Enum.IsDefined(v) && !int.TryParse(t, out _) ? v : (T?)null, "is not one of the listed values.");

    /// <summary>The values of a set of checkboxes named <paramref name="name"/>, as the API's array of <typeparamref name="T"/>; none checked is absent.</summary>
    public T[]? Enums<T>(string name) where T : struct, System.Enum
    {
        var checkedValues = form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToArray();
        if (checkedValues.Length == 0) return null;
        var parsed = checkedValues.Select(t => System.Enum.TryParse<T>(t, false, out var v) && System.Enum.IsDefined(v) && !int.TryParse(t, out _) ? v : (T?)null).ToArray();
        if (parsed.Any(v => v is null)) errors.Add(name, "has a value that is not one of the listed values.");
        return parsed.OfType<T>().ToArray();
    }

    /// <summary>A text in one language: <c>name</c> holds the text, the form's <c>lang</c> field its language.</summary>
    public Dictionary<string, string>? Localized(string name) =>
        Text(name) is { } t ? new Dictionary<string, string> { [Text("lang") ?? SiteLanguages.Current] = t } : null;

    /// <summary>The evidence rows <c>evidence[i].url</c> and <c>evidence[i].title</c>, up to the last filled one (so the indexes stay the API's).</summary>
    public EvidenceLink[]? Evidence(int rows)
    {
        var links = Enumerable.Range(0, rows).Select(i => (Url: Text($"evidence[{i}].url"), Title: Text($"evidence[{i}].title"))).ToList();
        while (links.Count > 0 && links[^1] is { Url: null, Title: null }) links.RemoveAt(links.Count - 1);
        return links.Count == 0 ? null : links.Select(l => new EvidenceLink(l.Url?.Trim() ?? "", l.Title?.Trim(), null)).ToArray();
    }

    /// <summary>Throws the values that could not be read, as the API's 400 would name them.</summary>
    public void Check() => errors.ThrowIfAny();

    private T? Parse<T>(string name, Func<string, T?> parse, string message) where T : struct
    {
        if (Text(name) is not { } text) return null;
        if (parse(text.Trim()) is { } value) return value;
        errors.Add(name, message);
        return null;
    }
}
