using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Export;

public sealed class HistoryExportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_plans_whole_history_is_json_lines_in_order_with_who_why_and_both_dates_and_asOf_cuts_it()
    {
        api.Clock.Now = new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var plan = await api.OpenPlan("GE");
        await (await api.As(Caller.Admin).Put($"/api/action-plans/{plan}/co-creation/level",
            new { influenceLevel = "Involve", forumExists = true, reason = "Forum charter adopted" })).Expect(HttpStatusCode.OK);
        var made = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);
        var id = made["id"]!.GetValue<string>();
        await (await api.As(Caller.Key(await api.Key("cso"))).Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "One region only" }))
            .Expect(HttpStatusCode.Created);
        api.Clock.Now = new DateTimeOffset(2024, 9, 1, 9, 0, 0, TimeSpan.Zero);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/completion", new { completion = "Substantial", reason = "Portal live" })).Expect(HttpStatusCode.OK);

        var response = await api.As(Caller.Anonymous).Get($"/api/export/history.jsonl?plan={plan}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jsonl", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(["action_plan_drafted", "co_creation_level_recorded", "commitment_made", "cso_assessment_filed", "commitment_completion_changed"],
            lines.Select(l => l["type"]!.GetValue<string>()).ToArray());
        var sequences = lines.Select(l => l["sequence"]!.GetValue<long>()).ToArray();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal("Forum charter adopted", lines[1]["reason"]!.GetValue<string>());
        Assert.Equal("cso", lines[3]["role"]!.GetValue<string>());
        Assert.Equal("cso tester", lines[3]["actorName"]!.GetValue<string>());
        Assert.Equal(plan, lines[0]["stream"]!.GetValue<string>());
        Assert.StartsWith("2024-09-01", lines[4]["effectiveAt"]!.GetValue<string>());
        Assert.NotNull(lines[4]["recordedAt"]);

        var asOf = (await (await api.As(Caller.Anonymous).Get($"/api/export/history.jsonl?plan={plan}&asOf=2024-06-30")).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, asOf.Length);
        var other = await api.As(Caller.Anonymous).Get("/api/export/history.jsonl?plan=AM-AP1");
        Assert.Equal("", await other.Content.ReadAsStringAsync());
    }
}
