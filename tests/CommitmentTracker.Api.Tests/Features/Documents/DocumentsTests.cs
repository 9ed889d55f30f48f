using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Documents;

public sealed class DocumentsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_pocs_upload_is_served_to_anyone_as_an_attachment_that_is_never_sniffed()
    {
        var plan = await api.OpenPlan("GE");
        var poc = api.As(Caller.Key(await api.Key("poc", "GE")));
        var response = await poc.Post($"/api/action-plans/{plan}/documents", Uploads.Form(Uploads.Pdf, "ოქმი 2024.pdf", title: "Forum minutes, March"));
        var made = await response.Expect(HttpStatusCode.Created);
        var id = made["id"]!.GetValue<string>();
        Assert.Equal($"{plan}-D1", id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Uploads.Pdf)), made["sha256"]!.GetValue<string>());
        Assert.Equal("application/pdf", made["contentType"]!.GetValue<string>());
        Assert.Equal(Uploads.Pdf.Length, made["length"]!.GetValue<long>());
        Assert.Equal($"/api/action-plans/{plan}/documents/{id}/content", response.Headers.Location!.ToString());

        var download = await api.As(Caller.Anonymous).Get(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Uploads.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("ოქმი 2024.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));

        var read = await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan}")).Expect(HttpStatusCode.OK);
        Assert.Equal("Forum minutes, March", read["documents"]![0]!["title"]!.GetValue<string>());
        var history = (await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan}/history")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal("document_uploaded", history[^1]!["type"]!.GetValue<string>());
        Assert.Equal("poc", history[^1]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_bytes_are_stored_once_and_a_multi_chunk_file_comes_back_byte_for_byte()
    {
        var plan = await api.OpenPlan("AM");
        var image = Uploads.Png(3 * (1 << 20) + 12345); // four 1 MiB chunks
        var sha = Convert.ToHexStringLower(SHA256.HashData(image));
        var first = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents", Uploads.Form(image, "forum.png", "image/png"))).Expect(HttpStatusCode.Created);
        var second = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents", Uploads.Form(image, "forum-copy.png", null))).Expect(HttpStatusCode.Created);
        Assert.Equal(sha, first["sha256"]!.GetValue<string>());
        Assert.Equal(sha, second["sha256"]!.GetValue<string>());
        Assert.NotEqual(first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>());
        Assert.Equal(4, await api.StoredChunks(sha));

        var bytes = await (await api.As(Caller.Anonymous).Get(second["url"]!.GetValue<string>())).Content.ReadAsByteArrayAsync();
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task A_withdrawn_document_keeps_its_event_and_is_no_longer_served()
    {
        var plan = await api.OpenPlan("UA");
        var made = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents", Uploads.Form(Encoding.UTF8.GetBytes("sector,count\ngovernment,6\n"), "participants.csv", "text/csv")))
            .Expect(HttpStatusCode.Created);
        var id = made["id"]!.GetValue<string>();
        var url = made["url"]!.GetValue<string>();
        var problem = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents/{id}/withdraw", new { })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["reason"], problem.ErrorFields());
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents/{id}/withdraw", new { reason = "Lists participants' phone numbers" })).Expect(HttpStatusCode.OK);

        var gone = await (await api.As(Caller.Anonymous).Get(url)).Expect(HttpStatusCode.Gone);
        Assert.Contains("phone numbers", gone["detail"]!.GetValue<string>());
        var list = (await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan}/documents")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Null(list[0]!["url"]);
        Assert.Equal("Lists participants' phone numbers", list[0]!["withdrawn"]!["reason"]!.GetValue<string>());
        var history = (await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan}/history")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["document_uploaded", "document_withdrawn"], history.Skip(1).Select(h => h!["type"]!.GetValue<string>()).ToArray());

        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents/{id}/withdraw", new { reason = "again" })).Expect(HttpStatusCode.Conflict);
        var minutes = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/co-creation/meetings", new
        {
            date = "2024-03-01", participants = new { government = 2 }, minutes = new { documentId = id }, reason = "Met",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["minutes.documentId"], minutes.ErrorFields());
        await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan}/documents/{plan}-D9/content")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Minutes_and_the_reasoned_response_may_point_to_an_uploaded_document()
    {
        var plan = await api.OpenPlan("KG");
        var made = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents", Uploads.Form(Uploads.Pdf, "minutes.pdf"))).Expect(HttpStatusCode.Created);
        var id = made["id"]!.GetValue<string>();
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/co-creation/meetings", new
        {
            date = "2024-03-01", participants = new { government = 2, civilSociety = 4 }, minutes = new { documentId = id }, reason = "Met",
        })).Expect(HttpStatusCode.OK);
        var after = await (await api.As(Caller.Admin).Put($"/api/action-plans/{plan}/co-creation/reasoned-response", new { documentId = id, reason = "Published" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(id, after["coCreation"]!["meetings"]![0]!["minutes"]!["documentId"]!.GetValue<string>());
        Assert.Equal(id, after["coCreation"]!["reasonedResponse"]!["documentId"]!.GetValue<string>());
        var data = await api.As(Caller.Anonymous).GraphQL("{ actionPlans(memberCode: \"KG\") { edges { node { documents { id fileName url sha256 } } } } }");
        Assert.Equal("minutes.pdf", data["actionPlans"]!["edges"]![0]!["node"]!["documents"]![0]!["fileName"]!.GetValue<string>());
    }

    /// <summary>The upload corpus, by name; the bytes are made in the test (xunit would copy theory data of 20 MiB at discovery).</summary>
    private static readonly Dictionary<string, (Func<byte[]> Bytes, string FileName, string? ContentType, int Status)> Corpus = new()
    {
        ["wrong type"] = (() => Encoding.ASCII.GetBytes("MZ\x90\0\x03"), "setup.exe", "application/x-msdownload", 400),
        ["HTML disguised as PDF"] = (() => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"), "report.pdf", "application/pdf", 400),
        ["HTML behind a PDF signature"] = (() => Encoding.UTF8.GetBytes("%PDF-1.4 <html><script>alert(1)</script>"), "report.pdf", "application/pdf", 400),
        ["SVG as a PNG"] = (() => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), "chart.png", "image/png", 400),
        ["declared type other than the name's"] = (() => Uploads.Pdf, "minutes.pdf", "text/html", 400),
        ["path-traversal name"] = (() => Uploads.Pdf, "../../../etc/passwd.pdf", "application/pdf", 400),
        ["Windows path name"] = (() => Uploads.Pdf, "..\\..\\boot.pdf", "application/pdf", 400),
        ["empty file"] = (() => [], "empty.pdf", "application/pdf", 400),
        ["CSV with a NUL"] = (() => Encoding.ASCII.GetBytes("a,b\n1,\0\n"), "data.csv", "text/csv", 400),
        ["no extension"] = (() => Uploads.Pdf, "minutes", "application/pdf", 400),
        ["oversized"] = (() => Uploads.Png((20 << 20) + 1), "huge.png", "image/png", 413),
    };

    public static TheoryData<string> CorpusNames() => new(Corpus.Keys);

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public async Task An_upload_of_the_corpus_is_4xx_and_stores_nothing(string label)
    {
        var (bytes, fileName, contentType, status) = Corpus[label];
        var plan = await api.OpenPlan("MD");
        var (events, chunks) = (await api.EventCount(), await api.StoredChunks());
        var response = await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents", Uploads.Form(bytes(), fileName, contentType));
        var problem = await response.Expect((HttpStatusCode)status);
        if (status == 400) Assert.Equal(["file"], problem.ErrorFields());
        Assert.True(events == await api.EventCount(), label);
        Assert.True(chunks == await api.StoredChunks(), label);
    }

    [Fact]
    public async Task A_truncated_multipart_body_and_a_non_multipart_body_are_4xx_and_store_nothing()
    {
        var plan = await api.OpenPlan("AZ");
        var (events, chunks) = (await api.EventCount(), await api.StoredChunks());
        var whole = await Uploads.Form(Uploads.Png(2 * (1 << 20)), "big.png", "image/png").ReadAsByteArrayAsync();
        var boundary = "----cut";
        var body = Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.png\"\r\nContent-Type: image/png\r\n\r\n")
            .Concat(Uploads.Png(2 * (1 << 20))).ToArray(); // no closing boundary: the client hung up
        var truncated = new ByteArrayContent(body);
        truncated.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        var problem = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents", truncated)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["file"], problem.ErrorFields());
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents", new ByteArrayContent(Uploads.Pdf) { Headers = { ContentType = new("application/pdf") } }))
            .Expect(HttpStatusCode.UnsupportedMediaType);
        Assert.True(whole.Length > 0);
        Assert.Equal(events, await api.EventCount());
        Assert.Equal(chunks, await api.StoredChunks());
    }

    [Fact]
    public async Task Only_the_plans_poc_or_an_admin_may_upload_and_nothing_is_stored_otherwise()
    {
        var plan = await api.OpenPlan("BY");
        await api.RegisteredMember("GE");
        var (events, chunks) = (await api.EventCount(), await api.StoredChunks());
        await (await api.As(Caller.Key(await api.Key("poc", "GE"))).Post($"/api/action-plans/{plan}/documents", Uploads.Form(Uploads.Pdf, "x.pdf"))).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Key(await api.Key("cso"))).Post($"/api/action-plans/{plan}/documents", Uploads.Form(Uploads.Pdf, "x.pdf"))).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Anonymous).Post($"/api/action-plans/{plan}/documents", Uploads.Form(Uploads.Pdf, "x.pdf"))).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(events, await api.EventCount());
        Assert.Equal(chunks, await api.StoredChunks());
    }

    [Theory]
    [InlineData("minutes<1>.pdf", "minutes_1_.pdf")]
    [InlineData("  \u202Efdp.exe  .pdf", "fdp.exe .pdf")]
    [InlineData("report:final?.pdf", "report_final_.pdf")]
    public async Task File_names_are_sanitized(string given, string stored)
    {
        var plan = await api.OpenPlan("GE");
        var made = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents", Uploads.Form(Uploads.Pdf, given))).Expect(HttpStatusCode.Created);
        Assert.Equal(stored, made["fileName"]!.GetValue<string>());
    }
}
