using System.Net;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Import;

/// <summary>
/// A finished 2-year plan (2024–2025) loaded in 2026 as three dated sheets: as drafted, after the first year, at the end.
/// asOf on any past day answers what the sheet of that time said.
/// </summary>
public sealed class HistoricalImportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static object Sheet(string? completion, int? first, int? second) => new
    {
        commitments = new object[]
        {
            new { id = "H1", title = "Відкриті закупівлі", completion, leadInstitution = new { name = "Ministry of Economy", kind = "Government" }, policyAreas = new[] { "OpenContracting" } },
        },
        milestones = new object[]
        {
            new { commitmentId = "H1", id = "H1-M1", title = "Реєстр договорів", start = "2024-01-15", due = "2024-12-31", progress = first },
            new { commitmentId = "H1", id = "H1-M2", title = "Відкриті дані", start = "2025-01-01", due = "2025-12-31", progress = second },
        },
    };

    private const string Query = "query($id: ID!, $asOf: DateOnly) { commitment(id: $id, asOf: $asOf) { completion milestones { edges { node { progress } } } } }";

    [Fact]
    public async Task A_past_plan_imported_with_its_real_dates_answers_asOf_on_each_past_day_in_rest_and_graphql()
    {
        api.Clock.Now = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var plan = await api.OpenPlan("UA");
        var admin = api.As(Caller.Admin);
        var made = await (await admin.Post($"/api/action-plans/{plan}/import?effectiveOn=2024-01-15", Sheet(null, null, null))).Expect(HttpStatusCode.OK);
        await (await admin.Post($"/api/action-plans/{plan}/import?effectiveOn=2024-12-31&reason=First-year%20self-assessment", Sheet("Limited", 100, null))).Expect(HttpStatusCode.OK);
        await (await admin.Post($"/api/action-plans/{plan}/import?effectiveOn=2025-12-31&reason=End-of-term%20report", Sheet("Complete", 100, 100))).Expect(HttpStatusCode.OK);
        var id = made["commitments"]![0]!["id"]!.GetValue<string>();

        await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf=2024-01-14")).Expect(HttpStatusCode.NotFound);
        foreach (var (day, completion, progress) in new[]
                 {
                     ("2024-06-30", "NotStarted", new[] { 0, 0 }), ("2025-06-30", "Limited", [100, 0]), ("2025-12-31", "Complete", [100, 100]),
                 })
        {
            var rest = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf={day}")).Expect(HttpStatusCode.OK);
            var graph = (await api.As(Caller.Anonymous).GraphQL(Query, new { id, asOf = day }))["commitment"]!;
            Assert.Equal(completion, rest["completion"]!.GetValue<string>());
            Assert.Equal(progress, rest["milestones"]!.AsArray().Select(m => m!["progress"]!.GetValue<int>()));
            Assert.Equal(completion, graph["completion"]!.GetValue<string>());
            Assert.Equal(progress, graph["milestones"]!["edges"]!.AsArray().Select(e => e!["node"]!["progress"]!.GetValue<int>()));
        }
        var history = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/history")).Expect(HttpStatusCode.OK)).ToJsonString();
        Assert.Contains("End-of-term report", history);
    }

    [Fact]
    public async Task A_date_in_the_future_before_the_plan_or_before_the_latest_change_is_400_and_writes_nothing()
    {
        api.Clock.Now = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var plan = await api.OpenPlan("GE");
        var admin = api.As(Caller.Admin);
        await (await admin.Post($"/api/action-plans/{plan}/import?effectiveOn=2025-12-31&reason=End-of-term%20report", Sheet("Complete", 100, 100))).Expect(HttpStatusCode.OK);
        var events = await api.EventCount();

        foreach (var day in new[] { "2026-03-03", "2023-12-31" })
        {
            var problem = await (await admin.Post($"/api/action-plans/{plan}/import?effectiveOn={day}&reason=x", Sheet("Complete", 100, 90))).Expect(HttpStatusCode.BadRequest);
            Assert.Equal(["effectiveOn"], problem.ErrorFields());
        }
        var earlier = await (await admin.Post($"/api/action-plans/{plan}/import?effectiveOn=2025-06-30&reason=Mid-term", Sheet("Complete", 100, 50))).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["milestones[1].effectiveOn"], earlier.ErrorFields());
        Assert.Contains("2025-12-31", earlier["errors"]!["milestones[1].effectiveOn"]![0]!.GetValue<string>());
        Assert.Equal(events, await api.EventCount());
    }
}
