using System.Text;

namespace CommitmentTracker.Features.Documents;

/// <summary>A kind of file a plan's repository takes: its extensions, the types a client may declare, and how its bytes begin.</summary>
public sealed record DocumentKind(string ContentType, string[] Extensions, string[] Declared, Func<ReadOnlyMemory<byte>, bool> Matches);

/// <summary>
/// What may be uploaded (PDF, images, office documents, CSV), judged by the bytes as well as by the name and the declared
/// type: a file whose bytes are not what its name says is refused, and so is anything that begins like HTML or SVG.
/// </summary>
public static class DocumentKinds
{
    /// <summary>How many leading bytes are read before the kind is judged.</summary>
    public const int SniffBytes = 4096;

    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly DocumentKind[] All =
    [
        new("application/pdf", [".pdf"], [], b => StartsWith(b, "%PDF-"u8)),
        new("image/png", [".png"], [], b => StartsWith(b, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])),
        new("image/jpeg", [".jpg", ".jpeg"], [], b => StartsWith(b, [0xFF, 0xD8, 0xFF])),
        new("image/gif", [".gif"], [], b => StartsWith(b, "GIF87a"u8) || StartsWith(b, "GIF89a"u8)),
        new("image/webp", [".webp"], [], b => StartsWith(b, "RIFF"u8) && b.Length >= 12 && b.Span[8..12].SequenceEqual("WEBP"u8)),
        new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"], [], b => StartsWith(b, Zip)),
        new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"], [], b => StartsWith(b, Zip)),
        new("application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"], [], b => StartsWith(b, Zip)),
        new("application/vnd.oasis.opendocument.text", [".odt"], [], b => StartsWith(b, Zip)),
        new("application/vnd.oasis.opendocument.spreadsheet", [".ods"], [], b => StartsWith(b, Zip)),
        new("application/vnd.oasis.opendocument.presentation", [".odp"], [], b => StartsWith(b, Zip)),
        new("application/msword", [".doc"], [], b => StartsWith(b, Ole)),
        new("application/vnd.ms-excel", [".xls"], [], b => StartsWith(b, Ole)),
        new("application/vnd.ms-powerpoint", [".ppt"], [], b => StartsWith(b, Ole)),
        // Spreadsheet programs on Windows declare CSV as Excel's type.
        new("text/csv", [".csv"], ["text/plain", "application/vnd.ms-excel"], IsPlainText),
    ];

    public static string Accepted => string.Join(", ", All.SelectMany(k => k.Extensions));

    public static DocumentKind? ForFileName(string fileName) =>
        All.FirstOrDefault(k => k.Extensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase));

    /// <summary>The declared type is the kind's own, one it is known by, or says nothing (octet-stream, none).</summary>
    public static bool MayBeDeclaredAs(this DocumentKind kind, string? declared) =>
        declared is null or "" or "application/octet-stream"
        || string.Equals(declared, kind.ContentType, StringComparison.OrdinalIgnoreCase)
        || kind.Declared.Contains(declared, StringComparer.OrdinalIgnoreCase);

    /// <summary>HTML, SVG or XML: what a browser might run if it ever sniffed the download.</summary>
    public static bool LooksLikeMarkup(ReadOnlyMemory<byte> head)
    {
        var text = Encoding.UTF8.GetString(head.Span[..Math.Min(head.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        return text.StartsWith('<') || text.Contains("<html", StringComparison.Ordinal) || text.Contains("<script", StringComparison.Ordinal)
               || text.Contains("<svg", StringComparison.Ordinal) || text.Contains("<!doctype", StringComparison.Ordinal);
    }

    private static bool StartsWith(ReadOnlyMemory<byte> bytes, ReadOnlySpan<byte> prefix) => bytes.Span.StartsWith(prefix);

    private static bool IsPlainText(ReadOnlyMemory<byte> head)
    {
        var span = head.Span;
        if (span.IndexOf((byte)0) >= 0) return false;
        // The sniffed head may end inside a multi-byte letter: judge only up to the last complete one.
        var end = span.Length;
        for (var back = 1; back <= 3 && end - back >= 0; back++)
        {
            var b = span[end - back];
            if ((b & 0xC0) == 0x80) continue;
            if (b >= 0xC0) end -= back;
            break;
        }
        return Utf8Valid(span[..end]);
    }

    private static bool Utf8Valid(ReadOnlySpan<byte> bytes)
    {
        try { _ = new UTF8Encoding(false, true).GetCharCount(bytes); return true; }
        catch (DecoderFallbackException) { return false; }
    }
}
