using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Export;

public sealed class ExportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] OgpColumns =
    [
        "Commitment Unique Identifier", "Country/Locality", "Action Plan", "Title", "Lead Institution", "Supporting Institutions",
        "Policy Areas", "Access to Information", "Civic Participation", "Public Accountability", "Technology & Innovation",
        "Potential for Results", "Completion (self)", "Completion (IRM)", "Did It Open Government", "Starred", "Progress %",
        "Overdue Milestones",
    ];

    [Fact]
    public async Task Csv_is_utf8_with_bom_in_ogp_columns_with_georgian_and_armenian_text()
    {
        var plan = await api.SeededPlan("GE");
        var response = await api.As(Caller.Anonymous).Get($"/api/export/commitments.csv?plan={plan}&lang=en");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("commitments.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var (header, rows) = ExportData.ParseCsv(bytes);
        Assert.Equal(OgpColumns, header[..OgpColumns.Length]);
        Assert.Contains("Title [ka]", header);
        Assert.Contains("Description [hy]", header);
        Assert.Equal(3, rows.Count);

        var first = rows[0];
        Assert.Equal("Monitoring municipal services, \"three regions\"", first["Title"]);
        Assert.Equal(ExportData.Georgian(0, 1000), first["Title [ka]"]);
        Assert.Equal(ExportData.Georgian(1) + "\n" + ExportData.Georgian(2), first["Description [ka]"]);
        Assert.Equal(ExportData.Armenian(0, 3000), first["Description [hy]"]);
        Assert.Equal("Civil Society Institute; UNDP", first["Supporting Institutions"]);
        Assert.Equal("Cso; Multilateral", first["Supporting Institution Kinds"]);
        Assert.Equal("AntiCorruption; PublicServiceDelivery", first["Policy Areas"]);
        Assert.Equal(["0", "1", "1", "0"], new[] { "Access to Information", "Civic Participation", "Public Accountability", "Technology & Innovation" }.Select(c => first[c]));
        Assert.Equal("Limited", first["Completion (self)"]);
        Assert.Equal("", first["Completion (IRM)"]);
        // weighted: (60 * 3 + 100 * 1.5) / 4.5; the first milestone was due 2024-03-31 and is not Met on 2024-06-01
        Assert.Equal("73.3", first["Progress %"]);
        Assert.Equal("1", first["Overdue Milestones"]);
        // a text a spreadsheet would run as a formula is escaped with an apostrophe
        Assert.Equal("'=SUM(A1) -5% is not a formula", rows[2]["Title"]);
        Assert.Equal("'@Parliament", rows[2]["Lead Institution"]);
    }

    [Fact]
    public async Task Lang_picks_the_title_column_language_with_the_usual_fallback()
    {
        var plan = await api.SeededPlan("AM");
        var (_, rows) = ExportData.ParseCsv(await api.As(Caller.Anonymous).Download($"/api/export/commitments.csv?plan={plan}&lang=hy"));
        Assert.Equal(ExportData.Armenian(3, 1000), rows[1]["Title"]);
        Assert.Equal(ExportData.Georgian(0, 1000), rows[0]["Title"]); // no hy title: the plan's default language
    }

    [Fact]
    public async Task Milestones_csv_has_a_row_per_milestone_linked_by_commitment_id()
    {
        var plan = await api.SeededPlan("AZ");
        var commitments = ExportData.ParseCsv(await api.As(Caller.Anonymous).Download($"/api/export/commitments.csv?plan={plan}")).Rows;
        var bytes = await api.As(Caller.Anonymous).Download($"/api/export/milestones.csv?plan={plan}");
        var (header, rows) = ExportData.ParseCsv(bytes);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(["Commitment Unique Identifier", "Milestone ID", "Country/Locality", "Action Plan", "Title", "Responsible Institution",
            "Start Date", "Due Date", "Weight", "Status", "Progress %", "Overdue", "Evidence"], header[..13]);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(commitments[0]["Commitment Unique Identifier"], r["Commitment Unique Identifier"]));
        Assert.Equal(("2024-01-01", "2024-03-31", "3", "PartiallyMet", "60", "1"),
            (rows[0]["Start Date"], rows[0]["Due Date"], rows[0]["Weight"], rows[0]["Status"], rows[0]["Progress %"], rows[0]["Overdue"]));
        Assert.Equal("https://example.org/a.pdf https://example.org/b?x=1;y=2", rows[0]["Evidence"]);
        Assert.Equal(("Met", "100", "0"), (rows[1]["Status"], rows[1]["Progress %"], rows[1]["Overdue"]));
        Assert.Equal(ExportData.Cell(ExportData.Armenian(2, 500)), rows[0]["Title [hy]"]);
    }

    [Theory]
    [InlineData("policyArea=Justice")]
    [InlineData("ogpValue=CivicParticipation")]
    [InlineData("completion=Limited")]
    [InlineData("overdue=true")]
    [InlineData("q=სამართლიანობა")]
    [InlineData("sort=-id")]
    public async Task The_lists_filters_select_the_same_commitments(string filter)
    {
        var plan = await api.SeededPlan("MD");
        var listed = (await (await api.As(Caller.Anonymous).Get($"/api/commitments?plan={plan}&{filter}")).Expect(HttpStatusCode.OK))["items"]!
            .AsArray().Select(c => c!["id"]!.GetValue<string>()).ToArray();
        var exported = ExportData.ParseCsv(await api.As(Caller.Anonymous).Download($"/api/export/commitments.csv?plan={plan}&{filter}")).Rows
            .Select(r => r["Commitment Unique Identifier"]).ToArray();
        var json = JsonNode.Parse(await api.As(Caller.Anonymous).Download($"/api/export/commitments.json?plan={plan}&{filter}"))!.AsArray()
            .Select(c => c!["id"]!.GetValue<string>()).ToArray();

        Assert.NotEmpty(listed);
        Assert.True(listed.Length < 3 || filter.StartsWith("sort"), $"{filter} should leave some out");
        Assert.Equal(listed, exported);
        Assert.Equal(listed, json);
    }

    [Fact]
    public async Task A_bad_filter_is_400_before_any_byte_is_sent()
    {
        var problem = await (await api.As(Caller.Anonymous).Get("/api/export/commitments.csv?policyArea=Sports&sort=colour")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("policyArea", problem.ErrorFields());
        var sort = await (await api.As(Caller.Anonymous).Get("/api/export/milestones.json?sort=colour")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("sort", sort.ErrorFields());
    }

    [Fact]
    public async Task Json_exports_carry_every_translation()
    {
        var plan = await api.SeededPlan("UA");
        var commitments = JsonNode.Parse(await api.As(Caller.Anonymous).Download($"/api/export/commitments.json?plan={plan}&lang=en"))!.AsArray();
        var milestones = JsonNode.Parse(await api.As(Caller.Anonymous).Download($"/api/export/milestones.json?plan={plan}"))!.AsArray();

        Assert.Equal(3, commitments.Count);
        Assert.Equal(ExportData.Georgian(0, 1000), commitments[0]!["titleTranslations"]!["ka"]!.GetValue<string>());
        Assert.Equal("Monitoring municipal services, \"three regions\"", commitments[0]!["title"]!.GetValue<string>());
        Assert.Equal(ExportData.Armenian(0, 3000), commitments[0]!["description"]!["hy"]!.GetValue<string>());
        Assert.Equal(73.3m, commitments[0]!["progress"]!.GetValue<decimal>());
        Assert.Equal(2, milestones.Count);
        Assert.Equal("Met", milestones[1]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AsOf_exports_the_plan_as_it_stood_that_day()
    {
        var started = api.Clock.Now;
        try
        {
            var plan = await api.SeededPlan("KG");
            var commitments = ExportData.ParseCsv(await api.As(Caller.Anonymous).Download($"/api/export/commitments.csv?plan={plan}")).Rows;
            var id = commitments[1]["Commitment Unique Identifier"];
            api.Clock.Advance(TimeSpan.FromDays(10));
            await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/completion", new { completion = "Substantial", reason = "Later" })).Expect(HttpStatusCode.OK);
            await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);

            var day = DateOnly.FromDateTime(started.UtcDateTime).ToString("yyyy-MM-dd");
            var response = await api.As(Caller.Anonymous).Get($"/api/export/commitments.csv?plan={plan}&asOf={day}");
            var then = ExportData.ParseCsv(await response.Content.ReadAsByteArrayAsync()).Rows;
            var now = ExportData.ParseCsv(await api.As(Caller.Anonymous).Download($"/api/export/commitments.csv?plan={plan}")).Rows;

            Assert.Equal($"commitments-{day}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal(3, then.Count);
            Assert.Equal(4, now.Count);
            Assert.Equal("NotStarted", then[1]["Completion (self)"]);
            Assert.Equal("Substantial", now[1]["Completion (self)"]);
            Assert.Equal(commitments, then); // as of that day, exactly what was exported that day
            var filtered = ExportData.ParseCsv(await api.As(Caller.Anonymous).Download($"/api/export/commitments.csv?plan={plan}&asOf={day}&completion=Substantial")).Rows;
            Assert.Empty(filtered); // filters judge the state as of then
            var irm = ExportData.ParseCsv(await api.As(Caller.Anonymous).Download($"/api/export/commitments.csv?plan={plan}&asOf={day}&irmCompletion=Complete&overdue=true")).Rows;
            Assert.Empty(irm);
            var milestones = JsonNode.Parse(await api.As(Caller.Anonymous).Download($"/api/export/milestones.json?plan={plan}&asOf={day}"))!.AsArray();
            Assert.Equal(2, milestones.Count);
        }
        finally
        {
            api.Clock.Now = started;
        }
    }

    [Fact]
    public async Task AsOf_pages_through_more_streams_than_one_batch_holds()
    {
        var plan = await api.OpenPlan("PL");
        var rows = Enumerable.Range(1, 620).Select(i => new
        {
            id = $"row {i}", title = $"Zobowiązanie {i}", leadInstitution = new { name = "Ministerstwo", kind = "Government" }, policyAreas = new[] { "Justice" },
        });
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/import", new { commitments = rows })).Expect(HttpStatusCode.OK);
        var day = DateOnly.FromDateTime(api.Clock.Now.UtcDateTime).ToString("yyyy-MM-dd");

        var now = ExportData.ParseCsv(await api.As(Caller.Anonymous).Download($"/api/export/commitments.csv?plan={plan}")).Rows;
        var then = ExportData.ParseCsv(await api.As(Caller.Anonymous).Download($"/api/export/commitments.csv?plan={plan}&asOf={day}")).Rows;
        var before = ExportData.ParseCsv(await api.As(Caller.Anonymous).Download($"/api/export/commitments.csv?plan={plan}&asOf=2024-05-31")).Rows;

        Assert.Equal(620, now.Count);
        Assert.Equal(now, then);
        Assert.Empty(before);
    }
}
