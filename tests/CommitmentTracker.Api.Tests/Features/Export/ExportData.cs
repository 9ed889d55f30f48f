using System.Net;
using System.Text;
using CommitmentTracker.Api.Tests.Infrastructure;
using CsvHelper;

namespace CommitmentTracker.Api.Tests.Features.Export;

/// <summary>A plan with real Georgian and Armenian text (shared/seeds), built through the API, and CSV helpers.</summary>
public static class ExportData
{
    /// <summary>Lines of a seed document, longest first: real text with commas, quotes and the document's own script.</summary>
    public static string[] SeedLines(string seed) =>
        Repo.Seed(seed).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 20).OrderByDescending(l => l.Length).ToArray();

    public static string Georgian(int line, int max = 900) => Cut(SeedLines("003_197e165c457b1a02.txt")[line], max);
    public static string Armenian(int line, int max = 900) => Cut(SeedLines("000_5fd3270c7009d1bb.txt")[line], max);

    /// <summary>As a CSV cell holds it: a text a spreadsheet would take for a formula starts with an apostrophe.</summary>
    public static string Cell(string text) => text.Length > 0 && "=+-@".Contains(text[0]) ? "'" + text : text;

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;

    /// <summary>
    /// A plan of <paramref name="member"/> (default language ka) with three commitments: Georgian and Armenian texts
    /// (one over several lines), institutions of every kind, weighted milestones with progress and evidence, a completion,
    /// and an English title that a spreadsheet would take for a formula.
    /// </summary>
    public static async Task<string> SeededPlan(this ApiFactory api, string member)
    {
        var plan = await api.OpenPlan(member);
        var admin = api.As(Caller.Admin);
        var first = await Made(admin, plan, new
        {
            title = new Dictionary<string, string> { ["ka"] = Georgian(0, 1000), ["en"] = "Monitoring municipal services, \"three regions\"" },
            description = new Dictionary<string, string> { ["ka"] = Georgian(1) + "\n" + Georgian(2), ["hy"] = Armenian(0, 3000) },
            problem = new Dictionary<string, string> { ["en"] = "Services are opaque; citizens can't see them." },
            objective = new Dictionary<string, string> { ["hy"] = Armenian(1) },
            leadInstitution = new { name = "Administration of the Government", kind = "Government" },
            supportingInstitutions = new[] { new { name = "Civil Society Institute", kind = "Cso" }, new { name = "UNDP", kind = "Multilateral" } },
            policyAreas = new[] { "AntiCorruption", "PublicServiceDelivery" },
            ogpValues = new[] { "CivicParticipation", "PublicAccountability" },
            subnational = true,
        });
        var m1 = await Milestone(admin, first, new
        {
            title = new Dictionary<string, string> { ["ka"] = Georgian(3, 500), ["hy"] = Armenian(2, 500) },
            deliverable = new Dictionary<string, string> { ["en"] = "Published report" },
            responsibleInstitution = "Ministry of Justice", start = "2024-01-01", due = "2024-03-31", weight = 3m,
        });
        var m2 = await Milestone(admin, first, new
        {
            title = new Dictionary<string, string> { ["ka"] = "მონიტორინგის ანგარიში" }, start = "2024-02-01", due = "2024-12-31", weight = 1.5m,
        });
        await (await admin.Post($"/api/commitments/{first}/milestones/{m1}/progress",
            new { percent = 60, evidence = new[] { new { url = "https://example.org/a.pdf", title = "A" }, new { url = "https://example.org/b?x=1;y=2", title = "B" } } }))
            .Expect(HttpStatusCode.OK);
        await (await admin.Post($"/api/commitments/{first}/milestones/{m2}/progress", new { percent = 100 })).Expect(HttpStatusCode.OK);
        await (await admin.Post($"/api/commitments/{first}/completion", new { completion = "Limited", reason = "Two regions of three" }))
            .Expect(HttpStatusCode.OK);

        await Made(admin, plan, new
        {
            title = new Dictionary<string, string> { ["ka"] = Georgian(4, 300), ["hy"] = Armenian(3, 1000) },
            leadInstitution = new { name = "Ombudsman, Office of the Public Defender", kind = "Government" },
            policyAreas = new[] { "Justice" }, ogpValues = new[] { "AccessToInformation", "TechnologyAndInnovation" },
        });
        await Made(admin, plan, new
        {
            title = new Dictionary<string, string> { ["ka"] = "სამართლიანობა", ["en"] = "=SUM(A1) -5% is not a formula" },
            leadInstitution = new { name = "@Parliament", kind = "Government" },
            policyAreas = new[] { "OpenParliaments" },
        });
        return plan;
    }

    private static async Task<string> Made(Scenarios admin, string plan, object body) =>
        (await (await admin.Post($"/api/action-plans/{plan}/commitments", body)).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();

    private static async Task<string> Milestone(Scenarios admin, string commitment, object body) =>
        (await (await admin.Post($"/api/commitments/{commitment}/milestones", body)).Expect(HttpStatusCode.Created))["milestones"]!.AsArray().Last()!["id"]!.GetValue<string>();

    /// <summary>A CSV file as header and rows (column name → cell), read with the same library a client would use.</summary>
    public static (string[] Header, List<Dictionary<string, string>> Rows) ParseCsv(byte[] file)
    {
        using var reader = CsvReader.Create(file, new CsvReaderOptions { Separator = ',' });
        reader.ReadHeader();
        var header = reader.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read()) rows.Add(header.Select((h, i) => (h, reader.GetString(i))).ToDictionary(c => c.h, c => c.Item2));
        return (header, rows);
    }

    public static async Task<byte[]> Download(this Scenarios client, string url)
    {
        var response = await client.Get(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        return body;
    }

    public static MultipartFormDataContent Files(byte[] commitments, byte[]? milestones = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(commitments), "commitments", "commitments.csv" } };
        if (milestones is not null) form.Add(new ByteArrayContent(milestones), "milestones", "milestones.csv");
        return form;
    }
}
