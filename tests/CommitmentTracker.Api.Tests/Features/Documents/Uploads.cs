using System.Net.Http.Headers;
using System.Text;
using CommitmentTracker.Api.Tests.Infrastructure;
using Marten;

namespace CommitmentTracker.Api.Tests.Features.Documents;

/// <summary>Multipart uploads as a browser form or curl -F sends them, and what the store holds of them.</summary>
public static class Uploads
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Png(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    public static MultipartFormDataContent Form(byte[] bytes, string fileName, string? contentType = "application/pdf", string? title = null)
    {
        var form = new MultipartFormDataContent();
        if (title is not null) form.Add(new StringContent(title), "title");
        var file = new ByteArrayContent(bytes);
        if (contentType is not null) file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        return form;
    }

    /// <summary>How many chunks of stored bytes there are in all: the proof that a refused upload stored nothing.</summary>
    public static async Task<long> StoredChunks(this ApiFactory api, string? sha256 = null)
    {
        await using var session = api.Store.QuerySession();
        return sha256 is null
            ? (await session.QueryAsync<long>($"select count(*) from {api.Schema}.document_chunks")).Single()
            : (await session.QueryAsync<long>($"select count(*) from {api.Schema}.document_chunks where sha256 = ?", sha256)).Single();
    }
}
