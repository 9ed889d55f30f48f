using System.Globalization;
using System.Text;

namespace CommitmentTracker.Features.Commitments;

/// <summary>
/// How <c>q</c> finds commitments: both the commitment's texts and the query are cut into words here, in one place, so
/// the index, the SQL and the in-memory filter (exports with asOf) agree. A word is a run of letters, digits and
/// combining marks in any script, lower-cased; a query word matches every word it begins (მონიტორ finds მონიტორინგი).
/// </summary>
public static class SearchWords
{
    // PostgreSQL refuses lexemes over 2 KB; no real word comes near this.
    private const int MaxWordLength = 100;

    private static IEnumerable<string> Of(IEnumerable<string?> texts) =>
        texts.SelectMany(Split).Distinct(StringComparer.Ordinal);

    /// <summary>The words of every text of a commitment in every language: what <c>q</c> searches.</summary>
    public static IEnumerable<string> OfCommitment(
        string id, Institution lead, IEnumerable<Institution> supporting, IEnumerable<Dictionary<string, string>?> texts) =>
        Of(new[] { id, lead.Name }.Concat(supporting.Select(i => i.Name)).Concat(texts.SelectMany(t => t?.Values ?? Enumerable.Empty<string>())));

    /// <summary>The query's words; empty when it has none (a query of only punctuation matches nothing).</summary>
    public static string[] OfQuery(string? q) => Split(q).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>A tsvector in PostgreSQL's text form. Words hold only letters, digits and marks, so no quoting is needed.</summary>
    public static string TsVector(IEnumerable<string> words) => string.Join(' ', words.Select(w => $"'{w}'"));

    /// <summary>A tsquery that needs every query word as the beginning of some word.</summary>
    public static string TsQuery(string[] queryWords) => string.Join(" & ", queryWords.Select(w => $"'{w}':*"));

    public static bool Matches(IEnumerable<string> words, string[] queryWords)
    {
        var all = words as ICollection<string> ?? words.ToList();
        return queryWords.All(q => all.Any(w => w.StartsWith(q, StringComparison.Ordinal)));
    }

    /// <summary>The text cut into runs, each word run flagged when a query word begins it (the site marks those).</summary>
    public static IEnumerable<(string Text, bool Match)> Mark(string text, string[] queryWords)
    {
        var run = new StringBuilder();
        bool? inWord = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var part = IsWordPart(rune);
            if (inWord is { } w && w != part)
            {
                yield return Flag(run.ToString(), w, queryWords);
                run.Clear();
            }
            inWord = part;
            run.Append(rune.ToString());
        }
        if (run.Length > 0) yield return Flag(run.ToString(), inWord == true, queryWords);
    }

    private static (string, bool) Flag(string run, bool word, string[] queryWords) =>
        (run, word && queryWords.Length > 0 && Split(run).FirstOrDefault() is { } lower && queryWords.Any(q => lower.StartsWith(q, StringComparison.Ordinal)));

    private static IEnumerable<string> Split(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordPart(rune))
            {
                var lower = Rune.ToLowerInvariant(rune);
                if (lower.IsBmp) word.Append((char)lower.Value);
                else word.Append(lower.ToString());
                continue;
            }
            if (word.Length > 0) yield return Cut(word);
        }
        if (word.Length > 0) yield return Cut(word);
    }

    private static string Cut(StringBuilder word)
    {
        var text = word.Length > MaxWordLength ? word.ToString(0, MaxWordLength) : word.ToString();
        word.Clear();
        return text;
    }

    private static bool IsWordPart(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark => true,
        _ => false,
    };
}
