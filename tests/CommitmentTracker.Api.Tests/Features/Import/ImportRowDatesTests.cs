using CommitmentTracker.Api.Tests.Features.Export;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Import;

/// <summary>
/// An import row may carry its own effectiveOn (CSV "Effective On"), over the file's: the same rules per row, all or
/// nothing. An update sheet needs only the id columns, the columns it changes and a reason.
/// </summary>
public sealed class ImportRowDatesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset Today = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A 2024–2025 plan with R1 (two milestones) made on 2024-01-15 by its row's own date; returns the plan and R1's id.</summary>
    private async Task<(string Plan, string Id)> Made(string member)
    {
        api.Clock.Now = Today;
        var plan = await api.OpenPlan(member);
        var sheet = new
        {
            commitments = new object[]
            {
                new { id = "R1", title = "Відкриті закупівлі", effectiveOn = "2024-01-15", leadInstitution = new { name = "Ministry of Economy", kind = "Government" }, policyAreas = new[] { "OpenContracting" } },
            },
            milestones = new object[]
            {
                new { commitmentId = "R1", id = "R1-M1", title = "Реєстр договорів", start = "2024-01-15", due = "2024-12-31" },
                new { commitmentId = "R1", id = "R1-M2", title = "Відкриті дані", start = "2025-01-01", due = "2025-12-31" },
            },
        };
        var made = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/import", sheet)).Expect(HttpStatusCode.OK);
        return (plan, made["commitments"]![0]!["id"]!.GetValue<string>());
    }

    private Task<Reply> Import(string plan, string commitments, string? milestones, string query = "") =>
        api.As(Caller.Admin).Post($"/api/action-plans/{plan}/import{query}", milestones is null
            ? new StringContent(commitments, Encoding.UTF8, "text/csv")
            : ExportData.Files(Encoding.UTF8.GetBytes(commitments), Encoding.UTF8.GetBytes(milestones)));

    private async Task<string> AsOf(string id, string day)
    {
        var c = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf={day}")).Expect(HttpStatusCode.OK);
        return $"{c["completion"]} {string.Join(",", c["milestones"]!.AsArray().Select(m => m!["progress"]!.GetValue<int>()))}";
    }

    [Fact]
    public async Task Rows_carry_their_own_dates_over_the_files_and_a_minimal_update_sheet_is_taken()
    {
        var (plan, id) = await Made("UA");
        Assert.Equal("NotStarted 0,0", await AsOf(id, "2024-01-15"));
        await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf=2024-01-14")).Expect(HttpStatusCode.NotFound);

        // Only the ids, the column it changes, a reason and each row's day; the file's day is overridden by every row.
        const string commitments = "Commitment Unique Identifier,Reason\nR1,Year-one report\n";
        const string milestones = "Commitment Unique Identifier,Milestone ID,Progress %,Effective On\nR1,R1-M1,50,2024-06-30\nR1,R1-M2,100,2024-12-31\n";
        var dry = await (await Import(plan, commitments, milestones, "?dryRun=true&effectiveOn=2024-03-01")).Expect(HttpStatusCode.OK);
        Assert.Equal(["milestones[2].Progress %: 0 -> 50", "milestones[3].Progress %: 0 -> 100", "milestones[3].Status: Scheduled -> Met"],
            dry["commitments"]![0]!["changes"]!.AsArray().Select(c => $"{c!["field"]}: {c["from"]} -> {c["to"]}").Order(StringComparer.Ordinal));
        var events = await api.EventCount();
        var done = await (await Import(plan, commitments, milestones, "?effectiveOn=2024-03-01")).Expect(HttpStatusCode.OK);
        Assert.Equal("Updated", done["commitments"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal(events + 3, await api.EventCount()); // two progress reports and the import's record
        Assert.Equal("NotStarted 0,0", await AsOf(id, "2024-06-29"));
        Assert.Equal("NotStarted 50,0", await AsOf(id, "2024-06-30"));
        Assert.Equal("NotStarted 50,100", await AsOf(id, "2024-12-31"));

        // A commitment row's own day dates its completion; text/csv with only the changed column.
        await (await Import(plan, "Commitment Unique Identifier,Completion (self),Reason,Effective On\nR1,Substantial,End of year one,2025-01-10\n", null))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("NotStarted 50,100", await AsOf(id, "2025-01-09"));
        Assert.Equal("Substantial 50,100", await AsOf(id, "2025-01-10"));
        var history = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/history")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["2024-06-30", "2024-12-31", "2025-01-10"], history.Skip(history.Count - 3).Select(h => h!["at"]!.GetValue<string>()[..10]));

        // The same sheets again change nothing, and append nothing.
        events = await api.EventCount();
        var again = await (await Import(plan, commitments, milestones, "?effectiveOn=2024-03-01")).Expect(HttpStatusCode.OK);
        Assert.Equal("Unchanged", again["commitments"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task A_rows_day_in_the_future_before_the_plan_before_the_latest_change_or_not_a_date_refuses_the_whole_file()
    {
        var (plan, id) = await Made("GE");
        await (await Import(plan, "Commitment Unique Identifier,Reason\nR1,Mid-year\n",
            "Commitment Unique Identifier,Milestone ID,Progress %,Effective On\nR1,R1-M1,50,2024-06-30\n")).Expect(HttpStatusCode.OK);
        var events = await api.EventCount();

        // Row 2 of the milestones is fine; the others are not, so nothing at all is written.
        var problem = await (await Import(plan, "Commitment Unique Identifier,Completion (self),Reason,Effective On\nR1,Limited,Pilot,2024-06-01\n",
            "Commitment Unique Identifier,Milestone ID,Progress %,Effective On\nR1,R1-M1,60,2024-07-01\nR1,R1-M2,10,2023-12-31\n"))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(new Dictionary<string, string[]>
        {
            ["commitments[2].Effective On"] = ["must not be before 2024-07-01, the latest change already recorded here: enter changes in the order they took effect."],
            ["milestones[3].Effective On"] = ["must not be before the action plan's start, 2024-01-01."],
        }, Errors(problem));

        // JSON, with a minimal commitment row: the keys are the JSON names.
        var json = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/import?reason=x", new
        {
            commitments = new object[] { new { id = "R1" } },
            milestones = new object[]
            {
                new { commitmentId = "R1", id = "R1-M1", progress = 70, effectiveOn = "2024-06-29" },
                new { commitmentId = "R1", id = "R1-M2", progress = 10, effectiveOn = "2026-03-03" },
            },
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(new Dictionary<string, string[]>
        {
            ["milestones[0].effectiveOn"] = ["must not be before 2024-06-30, the latest change already recorded here: enter changes in the order they took effect."],
            ["milestones[1].effectiveOn"] = ["must not be in the future; today is 2026-03-02."],
        }, Errors(json));

        // A row that changes nothing still may not name a day in the future.
        var unchanged = await (await Import(plan, "Commitment Unique Identifier,Reason\nR1,x\n",
            "Commitment Unique Identifier,Milestone ID,Progress %,Effective On\nR1,R1-M1,50,2026-03-03\n")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(new Dictionary<string, string[]> { ["milestones[2].Effective On"] = ["must not be in the future; today is 2026-03-02."] }, Errors(unchanged));

        var format = await (await Import(plan, "Commitment Unique Identifier,Reason\nR1,x\n",
            "Commitment Unique Identifier,Milestone ID,Progress %,Effective On\nR1,R1-M1,70,30.06.2024\n")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["milestones[2].Effective On"], format.ErrorFields());
        Assert.Contains("yyyy-MM-dd", format["errors"]!["milestones[2].Effective On"]![0]!.GetValue<string>());
        Assert.Equal(events, await api.EventCount());
        Assert.Equal("NotStarted 50,0", await AsOf(id, "2026-03-02"));
    }

    private static Dictionary<string, string[]> Errors(JsonNode problem) =>
        problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray());
}
