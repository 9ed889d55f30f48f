using System.Text.RegularExpressions;
using CommitmentTracker.Infrastructure.Http;

namespace CommitmentTracker.Infrastructure.Localization;

/// <summary>Localized text is a map from BCP-47 tag to text: {"en": "...", "ka": "..."}.</summary>
public static partial class LocalizedText
{
    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex Bcp47();

    public static bool IsLanguageTag(string? tag) => tag is { Length: <= 35 } && Bcp47().IsMatch(tag);

    /// <summary>Checks a map's tags and texts; returns it with tags in canonical case (en, pt-BR).</summary>
    public static Dictionary<string, string>? Validate(FieldErrors errors, string field, Dictionary<string, string>? text, int maxLength, string? mustHaveLanguage = null)
    {
        if (text is null || text.Count == 0) { errors.Add(field, "needs text in at least one language."); return null; }
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (tag, value) in text)
        {
            if (!IsLanguageTag(tag)) errors.Add($"{field}.{tag}", "is not a BCP-47 language tag.");
            else if (string.IsNullOrWhiteSpace(value)) errors.Add($"{field}.{tag}", "must not be empty.");
            else if (value.Length > maxLength) errors.Add($"{field}.{tag}", $"must be at most {maxLength} characters.");
            else if (value.Contains('\0')) errors.Add($"{field}.{tag}", "must not contain NUL characters.");
            else result[Canonical(tag)] = value;
        }
        if (mustHaveLanguage is not null && IsLanguageTag(mustHaveLanguage) && !result.ContainsKey(mustHaveLanguage))
            errors.Add(field, $"must include the default language '{Canonical(mustHaveLanguage)}'.");
        return new Dictionary<string, string>(result, StringComparer.Ordinal);
    }

    /// <summary>The same translations with the same texts.</summary>
    public static bool Same(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    public static string Canonical(string tag)
    {
        var parts = tag.Split('-');
        parts[0] = parts[0].ToLowerInvariant();
        for (var i = 1; i < parts.Length; i++)
            parts[i] = parts[i].Length == 2 ? parts[i].ToUpperInvariant() : parts[i].ToLowerInvariant();
        return string.Join('-', parts);
    }

    public static string? Resolve(IReadOnlyDictionary<string, string>? text, string? lang, string? defaultLanguage) =>
        Resolve(text, lang is null ? [] : [lang], defaultLanguage);

    /// <summary>
    /// The text in the first wanted language that has one (exactly, else by base language: en-GB finds en),
    /// else in the default language, else in any.
    /// </summary>
    public static string? Resolve(IReadOnlyDictionary<string, string>? text, IReadOnlyList<string> wanted, string? defaultLanguage) =>
        ResolveWithLanguage(text, wanted, defaultLanguage)?.Text;

    /// <summary>As <see cref="Resolve(IReadOnlyDictionary{string,string}?,IReadOnlyList{string},string?)"/>, with the language tag of the text chosen.</summary>
    public static (string Language, string Text)? ResolveWithLanguage(IReadOnlyDictionary<string, string>? text, IReadOnlyList<string> wanted, string? defaultLanguage)
    {
        if (text is null || text.Count == 0) return null;
        foreach (var lang in wanted)
        {
            foreach (var (tag, value) in text)
                if (string.Equals(tag, lang, StringComparison.OrdinalIgnoreCase)) return (tag, value);
            var primary = lang.Split('-')[0];
            foreach (var (tag, value) in text)
                if (string.Equals(tag.Split('-')[0], primary, StringComparison.OrdinalIgnoreCase)) return (tag, value);
        }
        if (defaultLanguage is not null && text.TryGetValue(defaultLanguage, out var fallback)) return (defaultLanguage, fallback);
        var any = text.OrderBy(t => t.Key, StringComparer.Ordinal).First();
        return (any.Key, any.Value);
    }

    /// <summary>The languages a request asks for, best first: ?lang= alone if given, else Accept-Language by quality.</summary>
    public static IReadOnlyList<string> RequestedLanguages(HttpRequest request)
    {
        var q = request.Query["lang"].ToString();
        if (IsLanguageTag(q)) return [q];
        return request.GetTypedHeaders().AcceptLanguage
            .Where(h => h.Quality is null or > 0 && h.Value.Value is { } v && v != "*" && IsLanguageTag(v))
            .OrderByDescending(h => h.Quality ?? 1)
            .Select(h => h.Value.Value!)
            .ToArray();
    }

}
