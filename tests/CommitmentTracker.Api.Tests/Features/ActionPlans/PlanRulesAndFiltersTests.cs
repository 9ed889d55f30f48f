using System.Net;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.ActionPlans;

/// <summary>Plan rules and list filters the README documents, each checked at its edge.</summary>
public sealed class PlanRulesAndFiltersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>Red when tried: the local limit raised to 5 years (the 4-years-and-46-days plan was created).</summary>
    [Fact]
    public async Task A_local_plan_runs_at_most_four_years_and_a_month_and_a_half()
    {
        await api.RegisteredMember("GE-TBS", kind: "Local");
        await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("GE-TBS", "2024-01-01", "2025-07-01"))).Expect(HttpStatusCode.Created); // any length up to 4 years
        await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("GE-TBS", "2024-01-01", "2028-02-15"))).Expect(HttpStatusCode.Created); // 4 years + 45 days of slack
        var before = await api.Footprint();
        var refused = await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("GE-TBS", "2024-01-01", "2028-02-16"))).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["period.end"], refused.ErrorFields());
        Assert.Equal("a local action plan runs at most 4 years.", refused["errors"]!["period.end"]![0]!.GetValue<string>());
        Assert.Empty(before.Diff(await api.Footprint()));
    }

    /// <summary>Red when tried: the import's closed-plan check removed (the Submitted plan took the row, 200).</summary>
    [Fact]
    public async Task An_import_into_a_submitted_plan_is_409_and_writes_nothing()
    {
        var plan = await api.OpenPlan("MD");
        foreach (var status in new[] { "CoCreation", "Submitted" })
            await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/status", new { status, reason = "Next step" })).Expect(HttpStatusCode.OK);
        var before = await api.Footprint();
        var csv = "Commitment Unique Identifier,Title,Lead Institution,Policy Areas\nA,Open budgets,Ministry of Finance,FiscalOpenness\n";
        var refused = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv")))
            .Expect(HttpStatusCode.Conflict);
        Assert.Equal(409, refused["status"]!.GetValue<int>());
        Assert.Empty(before.Diff(await api.Footprint()));
    }

    [Fact]
    public async Task The_plan_list_filters_by_status_and_the_member_list_by_region()
    {
        var draft = await api.OpenPlan("LT");
        var moved = (await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("LT", "2026-01-01", "2027-12-31"))).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{moved}/status", new { status = "CoCreation", reason = "Forum convened" })).Expect(HttpStatusCode.OK);
        Assert.Equal([moved], await Ids("/api/action-plans?member=LT&status=CoCreation"));
        Assert.Equal([draft], await Ids("/api/action-plans?member=LT&status=Draft"));
        Assert.Empty(await Ids("/api/action-plans?member=LT&status=Submitted"));

        await (await api.As(Caller.Admin).Post("/api/members", new
        {
            code = "KG", kind = "National", region = "Asia and the Pacific", defaultLanguage = "ky", name = new { ky = "Кыргызстан" },
        })).Expect(HttpStatusCode.Created);
        var asia = await (await api.As(Caller.Anonymous).Get("/api/members?region=" + Uri.EscapeDataString("Asia and the Pacific"))).Expect(HttpStatusCode.OK);
        Assert.Equal(["KG"], Codes(asia));
        var europe = Codes(await (await api.As(Caller.Anonymous).Get("/api/members?region=Europe&pageSize=200")).Expect(HttpStatusCode.OK));
        Assert.Contains("LT", europe);
        Assert.DoesNotContain("KG", europe);
    }

    /// <summary>Three plans, two per page: every plan once, in the same order as one page of three, with the total.</summary>
    [Fact]
    public async Task GraphQL_action_plans_page_with_cursors()
    {
        await api.RegisteredMember("UA");
        foreach (var (start, end) in new[] { ("2018-01-01", "2019-12-31"), ("2020-01-01", "2021-12-31"), ("2022-01-01", "2023-12-31") })
            await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("UA", start, end))).Expect(HttpStatusCode.Created);
        const string query = "query($after: String, $first: Int) { actionPlans(memberCode: \"UA\", first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }";
        var whole = (await api.As(Caller.Anonymous).GraphQL(query, new { first = 3 }))["actionPlans"]!;
        var first = (await api.As(Caller.Anonymous).GraphQL(query, new { first = 2 }))["actionPlans"]!;
        var second = (await api.As(Caller.Anonymous).GraphQL(query, new { first = 2, after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }))["actionPlans"]!;

        Assert.Equal(3, whole["totalCount"]!.GetValue<int>());
        Assert.Equal(3, first["totalCount"]!.GetValue<int>());
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(2, first["edges"]!.AsArray().Count);
        Assert.Equal(PlanIds(whole), PlanIds(first).Concat(PlanIds(second)));
    }

    private static string[] PlanIds(JsonNode connection) => connection["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToArray();

    private static string[] Codes(JsonNode page) => page["items"]!.AsArray().Select(m => m!["code"]!.GetValue<string>()).Order().ToArray();

    private async Task<string[]> Ids(string url) =>
        (await (await api.As(Caller.Anonymous).Get(url)).Expect(HttpStatusCode.OK))["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).Order().ToArray();
}
