using System.Text;
using CommitmentTracker.Infrastructure.Http;

namespace CommitmentTracker.Features.Documents;

public static class FileNames
{
    private const int MaxLength = 200;

    /// <summary>
    /// A name a client gave its file, made safe to store and to send back in Content-Disposition: a name with a path in it
    /// is refused (400 on <c>file</c>); control and bidirectional-override characters are dropped, characters that
    /// file systems refuse become '_', and a long name is cut keeping its extension.
    /// </summary>
    public static string Sanitize(string? raw)
    {
        var name = raw?.Trim().Trim('"');
        if (string.IsNullOrEmpty(name)) throw ValidationFailed.Field("file", "the file part needs a file name (Content-Disposition filename).");
        if (name.Contains('/') || name.Contains('\\') || name.Split('.').All(p => p.Length == 0) || name.StartsWith("..", StringComparison.Ordinal))
            throw ValidationFailed.Field("file", "the file name must be a bare name like 'minutes.pdf', without a path.");
        var clean = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F') continue;
            clean.Append(c is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? '_' : c);
        }
        var result = string.Join(' ', clean.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ' ');
        if (result.Length > MaxLength)
        {
            var extension = Path.GetExtension(result);
            result = result[..(MaxLength - extension.Length)] + extension;
        }
        return result.Length == 0 ? throw ValidationFailed.Field("file", "the file name has no printable characters.") : result;
    }
}
