using System.Text;
using CommitmentTracker.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CommitmentTracker.Features.Documents;

/// <summary>What an upload stored: the sanitized name, the kind judged from the bytes, the content's hash and size, a title.</summary>
public sealed record StoredUpload(string FileName, string ContentType, string Sha256, long Length, string? Title);

/// <summary>
/// Reads a multipart/form-data upload (one part <c>file</c>, an optional field <c>title</c>) section by section, and
/// streams the file's bytes into the write's transaction; a bad part is a 400 naming it, and the write rolls back.
/// </summary>
public static class DocumentUpload
{
    public const long MaxFileBytes = 20L << 20;

    /// <summary>The request may be this much larger than the file: the multipart boundaries, headers and a title.</summary>
    public const long MaxRequestBytes = MaxFileBytes + (64 << 10);

    private const int MaxTitle = 500;

    /// <summary>The multipart boundary, or 415 when the request is not multipart/form-data.</summary>
    public static string Boundary(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new BadHttpRequestException("Send the document as multipart/form-data, with the file in a part named 'file'.", StatusCodes.Status415UnsupportedMediaType);
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200
            ? throw ValidationFailed.Field("Content-Type", "multipart/form-data needs a boundary of at most 200 characters.")
            : boundary;
    }

    public static async Task<StoredUpload> ReadAsync(HttpRequest request, string boundary, IDocumentSession session, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, request.Body);
        StoredUpload? stored = null;
        string? title = null;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value;
                if (name == "title" && disposition?.IsFileDisposition() != true) title = await TitleAsync(section, ct);
                else if (name == "file" && disposition is not null && disposition.IsFileDisposition())
                    stored = stored is null ? await StoreAsync(section, disposition, session, ct) : throw ValidationFailed.Field("file", "send one file per upload.");
                else throw ValidationFailed.Field(name ?? "body", "is not a part of an upload: send 'file' and, if you like, 'title'.");
            }
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            throw ValidationFailed.Field("file", "the multipart body ended before its closing boundary; send the whole file.");
        }
        catch (InvalidDataException e)
        {
            throw ValidationFailed.Field("body", $"is not well-formed multipart/form-data: {e.Message}");
        }
        return stored is null
            ? throw ValidationFailed.Field("file", "is required: the document, as a multipart part named 'file' with a file name.")
            : stored with { Title = title };
    }

    /// <summary>
    /// A file a form already read (the workspace's progress form, posted as multipart/form-data; ASP.NET spools a large
    /// part to a temporary file): the same checks of name, declared type and bytes, streamed into the write's transaction.
    /// </summary>
    public static async Task<StoredUpload> ReadFileAsync(IFormFile file, string? title, IDocumentSession session, CancellationToken ct)
    {
        var checkedTitle = CheckTitle(title?.Trim() ?? "", title?.Length > MaxTitle);
        await using var body = file.OpenReadStream();
        return await StoreAsync(file.FileName, file.ContentType, body, session, ct) with { Title = checkedTitle };
    }

    private static async Task<string?> TitleAsync(MultipartSection section, CancellationToken ct)
    {
        var buffer = new char[MaxTitle + 1];
        using var text = new StreamReader(section.Body, Encoding.UTF8);
        var n = await text.ReadBlockAsync(buffer, ct);
        return CheckTitle(new string(buffer, 0, n).Trim(), n > MaxTitle);
    }

    private static string? CheckTitle(string title, bool tooLong)
    {
        if (tooLong) throw ValidationFailed.Field("title", $"must be at most {MaxTitle} characters.");
        return title.Contains('\0') ? throw ValidationFailed.Field("title", "must not contain NUL characters.") : title.Length == 0 ? null : title;
    }

    private static Task<StoredUpload> StoreAsync(MultipartSection section, ContentDispositionHeaderValue disposition, IDocumentSession session, CancellationToken ct) =>
        StoreAsync(HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value,
            section.ContentType, section.Body, session, ct);

    private static async Task<StoredUpload> StoreAsync(string? name, string? contentType, Stream body, IDocumentSession session, CancellationToken ct)
    {
        var fileName = FileNames.Sanitize(name);
        var kind = DocumentKinds.ForFileName(fileName)
                   ?? throw ValidationFailed.Field("file", $"'{Path.GetExtension(fileName)}' files are not taken; upload one of {DocumentKinds.Accepted}.");
        var declared = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type.MediaType.Value : contentType;
        if (!kind.MayBeDeclaredAs(declared))
            throw ValidationFailed.Field("file", $"the part says it is {declared}, but '{fileName}' should be {kind.ContentType}.");

        var head = new byte[DocumentKinds.SniffBytes];
        var filled = 0;
        while (filled < head.Length && await body.ReadAsync(head.AsMemory(filled), ct) is var read and > 0) filled += read;
        var bytes = head.AsMemory(0, filled);
        if (filled == 0) throw ValidationFailed.Field("file", "is empty.");
        if (DocumentKinds.LooksLikeMarkup(bytes) || !kind.Matches(bytes))
            throw ValidationFailed.Field("file", $"its bytes are not a {kind.Extensions[0]} file; upload the document itself, as {kind.ContentType}.");

        var (sha, length) = await DocumentContent.WriteAsync(session, bytes, body, MaxFileBytes, ct);
        return new StoredUpload(fileName, kind.ContentType, sha, length, null);
    }
}
