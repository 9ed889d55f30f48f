using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Features.Export;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Import;

public sealed class ImportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    // Columns that name where a row lives, which must differ between two plans.
    private static readonly string[] PlanColumns = ["Commitment Unique Identifier", "Action Plan", "Milestone ID"];

    private const string Header = "Commitment Unique Identifier,Title,Lead Institution,Policy Areas,Civic Participation";

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private async Task<(byte[] Commitments, byte[] Milestones)> Export(string plan) =>
        (await api.As(Caller.Anonymous).Download($"/api/export/commitments.csv?plan={plan}"), await api.As(Caller.Anonymous).Download($"/api/export/milestones.csv?plan={plan}"));

    private static List<Dictionary<string, string>> WithoutPlanColumns(byte[] csv) =>
        ExportData.ParseCsv(csv).Rows.Select(r => r.Where(c => !PlanColumns.Contains(c.Key)).ToDictionary()).ToList();

    private async Task<int> CommitmentsIn(string plan) =>
        (await (await api.As(Caller.Anonymous).Get($"/api/commitments?plan={plan}")).Expect(HttpStatusCode.OK))["totalCount"]!.GetValue<int>();

    [Fact]
    public async Task Csv_round_trip_into_a_new_plan_exports_equal_with_georgian_and_armenian_text()
    {
        var source = await api.SeededPlan("GE");
        var (commitments, milestones) = await Export(source);
        var target = await api.OpenPlan("GE");

        var report = await (await api.As(Caller.Admin).Post($"/api/action-plans/{target}/import", ExportData.Files(commitments, milestones))).Expect(HttpStatusCode.OK);
        var (again, againMilestones) = await Export(target);

        Assert.Equal(3, report["created"]!.GetValue<int>());
        Assert.Equal(WithoutPlanColumns(commitments), WithoutPlanColumns(again));
        Assert.Equal(WithoutPlanColumns(milestones), WithoutPlanColumns(againMilestones));
        Assert.Equal(ExportData.Georgian(0, 1000), ExportData.ParseCsv(again).Rows[0]["Title [ka]"]);
        Assert.Equal(ExportData.Armenian(0, 3000), ExportData.ParseCsv(again).Rows[0]["Description [hy]"]);
        // the ids were taken in the source plan, so the new commitments got the next free ones
        Assert.NotEqual(ExportData.ParseCsv(commitments).Rows[0]["Commitment Unique Identifier"], ExportData.ParseCsv(again).Rows[0]["Commitment Unique Identifier"]);
    }

    [Fact]
    public async Task Re_importing_the_same_file_changes_nothing_and_a_changed_row_is_409()
    {
        var source = await api.SeededPlan("AM");
        var (commitments, milestones) = await Export(source);
        var target = await api.OpenPlan("AM");
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{target}/import", ExportData.Files(commitments, milestones))).Expect(HttpStatusCode.OK);
        var events = await api.EventCount();

        var again = await (await api.As(Caller.Admin).Post($"/api/action-plans/{target}/import", ExportData.Files(commitments, milestones))).Expect(HttpStatusCode.OK);
        var ownExport = await Export(target);
        var own = await (await api.As(Caller.Admin).Post($"/api/action-plans/{target}/import", ExportData.Files(ownExport.Commitments, ownExport.Milestones))).Expect(HttpStatusCode.OK);

        Assert.Equal((0, 3), (again["created"]!.GetValue<int>(), again["unchanged"]!.GetValue<int>()));
        Assert.Equal((0, 3), (own["created"]!.GetValue<int>(), own["unchanged"]!.GetValue<int>()));
        Assert.Equal(events, await api.EventCount());
        Assert.Equal(3, await CommitmentsIn(target));

        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(commitments).Replace("Ombudsman, Office of the Public Defender", "Someone else"));
        var conflict = await (await api.As(Caller.Admin).Post($"/api/action-plans/{target}/import", ExportData.Files(changed, milestones))).Expect(HttpStatusCode.Conflict);
        Assert.Equal(["commitments[3].Lead Institution"], conflict.ErrorFields());
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task A_bad_row_writes_nothing_and_every_error_names_its_row_and_column()
    {
        var plan = await api.OpenPlan("MD");
        var events = await api.EventCount();
        var csv = Header + ",Lead Institution Kind\n"
                  + "MD0101,Open budgets,Ministry of Finance,FiscalOpenness,1,Government\n"
                  + "MD0102,Courts online,Ministry of Justice,Sports,yes,Government\n"
                  + "MD0103,,Parliament,Justice,2,Senate\n"
                  + "MD0101,Twice,Someone,Justice,0,Government\n";
        var milestones = "Commitment Unique Identifier,Title,Start Date,Due Date,Progress %\n"
                         + "MD0101,Draft,2024-01-01,2024-06-30,50\n"
                         + "MD0101,Backwards,2024-06-30,2024-01-01,\n"
                         + "MD0999,Orphan,2024-01-01,2024-02-01,\n"
                         + "MD0102,Too far,2024-01-01,2024-13-01,140\n";

        var problem = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/import",
            ExportData.Files(Encoding.UTF8.GetBytes(csv), Encoding.UTF8.GetBytes(milestones)))).Expect(HttpStatusCode.BadRequest);

        Assert.Equal(new[]
        {
            "commitments[3].Policy Areas", "commitments[4].Civic Participation", "commitments[4].Lead Institution Kind", "commitments[4].Title",
            "commitments[5].Commitment Unique Identifier", "milestones[3].Due Date", "milestones[4].Commitment Unique Identifier",
            "milestones[5].Due Date", "milestones[5].Progress %",
        }.Order(StringComparer.Ordinal), problem.ErrorFields().Order(StringComparer.Ordinal));
        Assert.Contains("Sports", problem["errors"]!["commitments[3].Policy Areas"]![0]!.GetValue<string>());
        Assert.Equal(events, await api.EventCount());
        Assert.Equal(0, await CommitmentsIn(plan));
    }

    [Fact]
    public async Task Dry_run_reports_what_would_be_created_and_writes_nothing()
    {
        var plan = await api.OpenPlan("UA");
        var events = await api.EventCount();
        var csv = Header + "\nA,Open budgets,Ministry of Finance,FiscalOpenness,1\nB,Відкриті суди,Ministry of Justice,Justice; AccessToInformation,0\n";

        var report = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/import?dryRun=true", Csv(csv))).Expect(HttpStatusCode.OK);

        Assert.True(report["dryRun"]!.GetValue<bool>());
        Assert.Equal(2, report["created"]!.GetValue<int>());
        Assert.Equal(["UA0001", "UA0002"], report["commitments"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal(events, await api.EventCount());
        Assert.Equal(0, await CommitmentsIn(plan));

        var written = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/import", Csv(csv))).Expect(HttpStatusCode.OK);
        Assert.Equal(2, written["created"]!.GetValue<int>());
        var made = await (await api.As(Caller.Anonymous).Get("/api/commitments/UA0002?lang=ka")).Expect(HttpStatusCode.OK);
        Assert.Equal("Відкриті суди", made["title"]!.GetValue<string>()); // a plain Title column is the plan's default language
        Assert.Equal(["Justice", "AccessToInformation"], made["policyAreas"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task Only_the_plans_poc_or_an_admin_may_import()
    {
        var plan = await api.OpenPlan("AZ");
        await api.RegisteredMember("KG");
        var other = await api.Key("poc", "KG");
        var own = await api.Key("poc", "AZ");
        var csv = Header + "\nAZ0042,Open budgets,Ministry of Finance,FiscalOpenness,1\n";

        await (await api.As(Caller.Key(other)).Post($"/api/action-plans/{plan}/import", Csv(csv))).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Anonymous).Post($"/api/action-plans/{plan}/import", Csv(csv))).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await CommitmentsIn(plan));
        var report = await (await api.As(Caller.Key(own)).Post($"/api/action-plans/{plan}/import", Csv(csv))).Expect(HttpStatusCode.OK);
        Assert.Equal("AZ0042", report["commitments"]![0]!["id"]!.GetValue<string>()); // a free id of the plan's country is kept
    }

    [Fact]
    public async Task Json_export_imports_into_a_new_plan_and_exports_equal()
    {
        var source = await api.SeededPlan("KG");
        var commitments = JsonNode.Parse(await api.As(Caller.Anonymous).Download($"/api/export/commitments.json?plan={source}"))!;
        var milestones = JsonNode.Parse(await api.As(Caller.Anonymous).Download($"/api/export/milestones.json?plan={source}"))!;
        var target = await api.OpenPlan("KG");

        var report = await (await api.As(Caller.Admin).Post($"/api/action-plans/{target}/import", new { commitments, milestones })).Expect(HttpStatusCode.OK);
        var again = await (await api.As(Caller.Admin).Post($"/api/action-plans/{target}/import", new { commitments, milestones })).Expect(HttpStatusCode.OK);
        var exported = JsonNode.Parse(await api.As(Caller.Anonymous).Download($"/api/export/commitments.json?plan={target}"))!.AsArray();

        Assert.Equal(3, report["created"]!.GetValue<int>());
        Assert.Equal(3, again["unchanged"]!.GetValue<int>());
        static JsonNode Strip(JsonNode row) { var o = row.DeepClone().AsObject(); o.Remove("id"); o.Remove("actionPlan"); return o; }
        Assert.Equal(commitments.AsArray().Select(c => Strip(c!).ToJsonString()), exported.Select(c => Strip(c!).ToJsonString()));
    }

    [Fact]
    public async Task Bad_json_rows_are_400_by_array_index()
    {
        var plan = await api.OpenPlan("BY");
        var body = """{"commitments":[{"id":"x","title":"Ok","leadInstitution":{"name":"Ministry","kind":"Government"},"policyAreas":["Justice"]},{"id":"y","leadInstitution":{"name":"Ministry","kind":"Government"}}],"milestones":[{"commitmentId":"x","title":"M","start":"2024-02-01","due":"2024-01-01"}]}""";
        var problem = await (await api.As(Caller.Admin).PostText($"/api/action-plans/{plan}/import", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["commitments[1].policyAreas", "commitments[1].title", "milestones[0].due"], problem.ErrorFields().Order(StringComparer.Ordinal));
        var unknown = await (await api.As(Caller.Admin).PostText($"/api/action-plans/{plan}/import", """{"commitments":[{"colour":"red"}]}""")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("commitments[0].colour", unknown.ErrorFields());
    }

    [Fact]
    public async Task Other_content_types_are_415_and_oversized_bodies_413()
    {
        var plan = await api.OpenPlan("LT");
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/import", new StringContent("<x/>", Encoding.UTF8, "application/xml"))).Expect(HttpStatusCode.UnsupportedMediaType);
        var huge = new ByteArrayContent(new byte[11 * 1024 * 1024]);
        huge.Headers.ContentType = new("text/csv");
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/import", huge)).Expect(HttpStatusCode.RequestEntityTooLarge);
    }
}
