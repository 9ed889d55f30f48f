using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Features.Export;
using CommitmentTracker.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CommitmentTracker.Api.Tests.Features.Import;

public sealed class ImportUpdateTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    internal sealed record Sheet(string[] Header, List<Dictionary<string, string>> Rows)
    {
        public static Sheet Of(byte[] csv)
        {
            var (header, rows) = ExportData.ParseCsv(csv);
            return new Sheet(header, rows);
        }

        public Sheet With(string column)
        {
            if (!Header.Contains(column)) return this with { Header = [.. Header, column] };
            return this;
        }

        public byte[] Bytes()
        {
            static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"") + "\"";
            var text = new StringBuilder(string.Join(',', Header.Select(Quote))).Append('\n');
            foreach (var row in Rows) text.Append(string.Join(',', Header.Select(h => Quote(row.GetValueOrDefault(h) ?? "")))).Append('\n');
            return Encoding.UTF8.GetBytes(text.ToString());
        }
    }

    private async Task<(Sheet Commitments, Sheet Milestones)> Export(string plan) =>
        (Sheet.Of(await api.As(Caller.Anonymous).Download($"/api/export/commitments.csv?plan={plan}")),
            Sheet.Of(await api.As(Caller.Anonymous).Download($"/api/export/milestones.csv?plan={plan}")));

    private Task<Reply> Import(string plan, Sheet commitments, Sheet milestones, string query = "") =>
        api.As(Caller.Admin).Post($"/api/action-plans/{plan}/import{query}", ExportData.Files(commitments.Bytes(), milestones.Bytes()));

    private static string[] Changes(JsonNode report) =>
        report["commitments"]!.AsArray().SelectMany(c => c!["changes"]!.AsArray())
            .Select(c => $"{c!["field"]}: {c["from"]} -> {c["to"]}").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task An_edited_export_updates_progress_evidence_dates_and_completion_with_a_reason_and_a_diff_per_field()
    {
        var plan = await api.SeededPlan("GE");
        var (commitments, milestones) = await Export(plan);
        var first = commitments.Rows[0]["Commitment Unique Identifier"];
        commitments.Rows[0]["Completion (self)"] = "Substantial";
        milestones.Rows[0]["Progress %"] = "80";
        milestones.Rows[0]["Evidence"] += " https://example.org/c.pdf";
        milestones.Rows[1]["Due Date"] = "2025-03-31";
        var events = await api.EventCount();

        var unreasoned = await (await Import(plan, commitments, milestones, "?dryRun=true")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["commitments[2].Reason", "milestones[2].Reason", "milestones[3].Reason"], unreasoned.ErrorFields().Order(StringComparer.Ordinal));

        var dry = await (await Import(plan, commitments, milestones, "?dryRun=true&reason=Annual%20self-assessment")).Expect(HttpStatusCode.OK);
        Assert.Equal(events, await api.EventCount());
        Assert.Equal((1, 2, 0), (dry["updated"]!.GetValue<int>(), dry["unchanged"]!.GetValue<int>(), dry["created"]!.GetValue<int>()));
        Assert.Equal(new[]
        {
            "commitments[2].Completion (self): Limited -> Substantial",
            "milestones[2].Evidence: https://example.org/a.pdf https://example.org/b?x=1;y=2 -> https://example.org/a.pdf https://example.org/b?x=1;y=2 https://example.org/c.pdf",
            "milestones[2].Progress %: 60 -> 80",
            "milestones[3].Due Date: 2024-12-31 -> 2025-03-31",
        }, Changes(dry));
        Assert.Equal("Updated", dry["commitments"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal($"{first}-M1", dry["commitments"]![0]!["changes"]!.AsArray().First(c => c!["field"]!.GetValue<string>() == "milestones[2].Progress %")!["milestone"]!.GetValue<string>());

        var done = await (await Import(plan, commitments, milestones, "?reason=Annual%20self-assessment")).Expect(HttpStatusCode.OK);
        Assert.Equal(Changes(dry), Changes(done));
        // a reschedule, a progress report, a completion change, and the import's own record: exactly the diff
        Assert.Equal(events + 4, await api.EventCount());
        var stored = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{first}")).Expect(HttpStatusCode.OK);
        Assert.Equal("Substantial", stored["completion"]!.GetValue<string>());
        Assert.Equal(80, stored["milestones"]![0]!["progress"]!.GetValue<int>());
        Assert.Equal("2025-03-31", stored["milestones"]![1]!["due"]!.GetValue<string>());
        Assert.Contains("Annual self-assessment", (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{first}/history")).Expect(HttpStatusCode.OK)).ToJsonString());

        // idempotent: the same file again, and the plan's own export, append nothing
        var again = await (await Import(plan, commitments, milestones, "?reason=Annual%20self-assessment")).Expect(HttpStatusCode.OK);
        var (ownCommitments, ownMilestones) = await Export(plan);
        var own = await (await Import(plan, ownCommitments, ownMilestones)).Expect(HttpStatusCode.OK);
        Assert.Equal((0, 3), (again["updated"]!.GetValue<int>(), again["unchanged"]!.GetValue<int>()));
        Assert.Equal((0, 3), (own["updated"]!.GetValue<int>(), own["unchanged"]!.GetValue<int>()));
        Assert.Equal(events + 4, await api.EventCount());
    }

    [Fact]
    public async Task Milestones_match_by_their_id_in_any_order_and_a_reason_column_names_each_rows_reason()
    {
        var plan = await api.SeededPlan("AM");
        var (commitments, milestones) = await Export(plan);
        var first = commitments.Rows[0]["Commitment Unique Identifier"];
        milestones = milestones.With("Reason");
        milestones.Rows.Reverse(); // the first commitment's two milestones now sit in rows 3 and 2 of the other's
        var m2 = milestones.Rows.Single(r => r["Milestone ID"] == $"{first}-M2");
        m2["Progress %"] = "90"; // its status still says Met: the new progress decides it (Scheduled, as it is not due yet)
        m2["Reason"] = "The audit found a region missing";
        var events = await api.EventCount();

        var report = await (await Import(plan, commitments, milestones)).Expect(HttpStatusCode.OK);

        Assert.Equal(["milestones[2].Progress %: 100 -> 90", "milestones[2].Status: Met -> Scheduled"], Changes(report));
        Assert.Equal(events + 2, await api.EventCount());
        var history = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{first}/history")).Expect(HttpStatusCode.OK)).ToJsonString();
        Assert.Contains("The audit found a region missing", history);
    }

    [Fact]
    public async Task Bad_update_rows_are_400_by_row_and_column_and_write_nothing()
    {
        var plan = await api.SeededPlan("MD");
        var (commitments, milestones) = await Export(plan);
        var first = commitments.Rows[0]["Commitment Unique Identifier"];
        milestones.Rows[0]["Progress %"] = "140";
        milestones.Rows[1]["Status"] = "Scheduled";
        milestones.Rows.Add(new(milestones.Rows[0]) { ["Milestone ID"] = $"{first}-M9", ["Progress %"] = "10" });
        milestones.Rows.Add(new(milestones.Rows[1]) { ["Progress %"] = "10" });
        var events = await api.EventCount();

        var problem = await (await Import(plan, commitments, milestones, "?reason=Correction")).Expect(HttpStatusCode.BadRequest);

        Assert.Equal(["milestones[2].Progress %", "milestones[3].Status", "milestones[4].Milestone ID", "milestones[5].Milestone ID"],
            problem.ErrorFields().Order(StringComparer.Ordinal));
        Assert.Contains("also in row 3", problem["errors"]!["milestones[5].Milestone ID"]![0]!.GetValue<string>());
        Assert.Equal(events, await api.EventCount());

        var renamed = await Export(plan);
        renamed.Milestones.Rows[0]["Responsible Institution"] = "Someone else";
        var conflict = await (await Import(plan, renamed.Commitments, renamed.Milestones, "?reason=Correction")).Expect(HttpStatusCode.Conflict);
        Assert.Equal(["milestones[2].Responsible Institution"], conflict.ErrorFields());
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task A_sheet_of_two_thousand_milestones_updates_in_one_import_measured()
    {
        const int commitmentCount = 100, perCommitment = 20;
        var plan = await api.OpenPlan("UA");
        var body = new
        {
            commitments = Enumerable.Range(1, commitmentCount).Select(i => new
            {
                id = $"C{i}", title = $"Commitment {i}", leadInstitution = new { name = "Ministry of Digital Transformation", kind = "Government" },
                policyAreas = new[] { "DigitalGovernance" },
            }),
            milestones = Enumerable.Range(1, commitmentCount).SelectMany(i => Enumerable.Range(1, perCommitment).Select(j => new
            {
                commitmentId = $"C{i}", title = $"Milestone {i}.{j}", start = "2024-01-01", due = "2025-06-30", progress = 10,
            })),
        };
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/import", body)).Expect(HttpStatusCode.OK);
        var (commitments, milestones) = await Export(plan);
        Assert.Equal(commitmentCount * perCommitment, milestones.Rows.Count);
        foreach (var (row, i) in milestones.Rows.Select((r, i) => (r, i))) row["Progress %"] = (20 + i % 80).ToString();
        var events = await api.EventCount();

        var clock = Stopwatch.StartNew();
        var dry = await (await Import(plan, commitments, milestones, "?dryRun=true&reason=Quarterly%20report")).Expect(HttpStatusCode.OK);
        var dryRun = clock.Elapsed;
        clock.Restart();
        var done = await (await Import(plan, commitments, milestones, "?reason=Quarterly%20report")).Expect(HttpStatusCode.OK);
        var confirm = clock.Elapsed;
        clock.Restart();
        var again = await (await Import(plan, commitments, milestones, "?reason=Quarterly%20report")).Expect(HttpStatusCode.OK);
        var unchanged = clock.Elapsed;
        output.WriteLine($"2,000 milestone updates: dry run {dryRun.TotalSeconds:F1} s, confirm {confirm.TotalSeconds:F1} s, identical re-import {unchanged.TotalSeconds:F1} s");

        Assert.Equal(commitmentCount * perCommitment, Changes(dry).Length);
        Assert.Equal(commitmentCount, done["updated"]!.GetValue<int>());
        Assert.Equal(commitmentCount, again["unchanged"]!.GetValue<int>());
        Assert.Equal(events + commitmentCount * perCommitment + 1, await api.EventCount());
        var sample = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{done["commitments"]![7]!["id"]}")).Expect(HttpStatusCode.OK);
        Assert.Equal(20 + (7 * perCommitment + 3) % 80, sample["milestones"]![3]!["progress"]!.GetValue<int>());
    }
}
