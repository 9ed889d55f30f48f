using System.Net;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Commitments.Stats;

public sealed class CommitmentStatsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<JsonNode[]> Seed()
    {
        api.Clock.Now = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var irm = await api.Key("irm");
        var areas = new[] { new[] { "AntiCorruption" }, ["Justice", "AntiCorruption"], ["OpenContracting"] };
        var completions = new[] { "Limited", "Substantial", "Complete", "Limited" };
        var values = new[] { new[] { "AccessToInformation" }, ["CivicParticipation", "PublicAccountability"] };
        var n = 0;
        foreach (var member in new[] { "GE", "AM", "UA" })
            for (var i = 0; i < 4; i++, n++)
            {
                var title = i == 0 ? new Dictionary<string, string> { ["ka"] = "ღია მონაცემების პორტალი", ["en"] = "Open data portal" } : null;
                var id = await api.MadeCommitment(member, Given.Commitment(title: title, policyAreas: areas[n % 3], ogpValues: values[n % 2]));
                await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/completion", new { completion = completions[n % 4], reason = "report" })).Expect(HttpStatusCode.OK);
                var added = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", Given.Milestone("2024-01-01", n % 2 == 0 ? "2024-03-31" : "2024-12-31"))).Expect(HttpStatusCode.Created);
                await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones/{added["milestones"]![0]!["id"]}/progress", new { percent = n * 7 % 101 })).Expect(HttpStatusCode.OK);
                if (n % 3 == 0)
                    await (await api.As(Caller.Key(irm)).Post($"/api/commitments/{id}/assessments/irm", new
                    {
                        design = new { verifiable = true, openGovernmentLens = true, potentialForResults = "Substantial", promising = true },
                        results = new { completion = n % 2 == 0 ? "Complete" : "Limited", didItOpenGovernment = "Major" },
                    })).Expect(HttpStatusCode.OK);
            }
        var list = await (await api.As(Caller.Anonymous).Get("/api/commitments?pageSize=200")).Expect(HttpStatusCode.OK);
        return list["items"]!.AsArray().Select(c => c!).ToArray();
    }

    [Fact]
    public async Task Stats_agree_with_counts_computed_from_the_list()
    {
        var all = await Seed();
        var data = await api.As(Caller.Anonymous).GraphQL("""
            {
              byMember: commitmentStats(groupBy: Member) { key count overdue starred meanProgress completion { completion count } }
              byPlan: commitmentStats(groupBy: Plan) { key count }
              byArea: commitmentStats(groupBy: PolicyArea) { key count }
              byValue: commitmentStats(groupBy: OgpValue) { key count }
              byIrm: commitmentStats(groupBy: IrmCompletion) { key count }
              justice: commitmentStats(groupBy: Member, filter: { policyArea: Justice }) { key count }
              portal: commitmentStats(groupBy: Member, filter: { q: "portal" }) { key count }
              overdue: commitmentStats(groupBy: Member, filter: { overdue: true }) { key count }
            }
            """);

        // Every group the list has, with its count, and no other: a group the stats leave out fails as surely as a wrong count.
        var byMember = all.GroupBy(c => c["memberCode"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.Equal(Counts(byMember.ToDictionary(m => m.Key, m => m.Value.Length)), Counts(data["byMember"]!));
        foreach (var row in data["byMember"]!.AsArray())
        {
            var mine = byMember[row!["key"]!.GetValue<string>()];
            Assert.Equal(mine.Count(c => c["overdueMilestones"]!.GetValue<int>() > 0), row["overdue"]!.GetValue<int>());
            Assert.Equal(mine.Count(c => c["assessments"]!["irm"]?["starred"]?.GetValue<bool>() == true), row["starred"]!.GetValue<int>());
            Assert.Equal(Math.Round(mine.Average(c => c["progress"]!.GetValue<double>()), 1), row["meanProgress"]!.GetValue<double>(), 1);
            Assert.Equal(Counts(mine.GroupBy(c => c["completion"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count())),
                Counts(row["completion"]!.AsArray().Where(b => b!["count"]!.GetValue<int>() > 0), "completion"));
        }
        Assert.Equal(3, data["byMember"]!.AsArray().Count);

        Assert.Equal(Counts(Group(all, c => [c["planId"]!.GetValue<string>()])), Counts(data["byPlan"]!));
        Assert.Equal(Counts(Group(all, c => Strings(c["policyAreas"]!))), Counts(data["byArea"]!));
        Assert.Equal(Counts(Group(all, c => Strings(c["ogpValues"]!))), Counts(data["byValue"]!));
        Assert.Equal(Counts(Group(all, c => [c["assessments"]!["irm"]?["results"]?["completion"]?.GetValue<string>() ?? "NotAssessed"])), Counts(data["byIrm"]!));
        Assert.Equal(Counts(Group(all.Where(c => Strings(c["policyAreas"]!).Contains("Justice")), c => [c["memberCode"]!.GetValue<string>()])), Counts(data["justice"]!));
        Assert.Equal(Counts(Group(all.Where(c => c["overdueMilestones"]!.GetValue<int>() > 0), c => [c["memberCode"]!.GetValue<string>()])), Counts(data["overdue"]!));
        // q: the same search the list runs; 3 of the 12 are titled "Open data portal" (one per member).
        var portal = (await (await api.As(Caller.Anonymous).Get("/api/commitments?q=portal&pageSize=200")).Expect(HttpStatusCode.OK))["items"]!.AsArray().Select(c => c!);
        Assert.Equal(Counts(Group(portal, c => [c["memberCode"]!.GetValue<string>()])), Counts(data["portal"]!));
        Assert.Equal(3, data["portal"]!.AsArray().Sum(r => r!["count"]!.GetValue<int>()));
        Assert.InRange(data["overdue"]!.AsArray().Sum(r => r!["count"]!.GetValue<int>()), 1, all.Length - 1);

        var rest = await (await api.As(Caller.Anonymous).Get("/api/commitments/stats?groupBy=Member")).Expect(HttpStatusCode.OK);
        Assert.Equal(Counts(data["byMember"]!), Counts(rest));
        var restFiltered = await (await api.As(Caller.Anonymous).Get("/api/commitments/stats?groupBy=OgpValue&q=portal&overdue=true")).Expect(HttpStatusCode.OK);
        Assert.Equal(Counts(Group(portal.Where(c => c["overdueMilestones"]!.GetValue<int>() > 0), c => Strings(c["ogpValues"]!))), Counts(restFiltered));
        await (await api.As(Caller.Anonymous).Get("/api/commitments/stats")).Expect(HttpStatusCode.BadRequest);
    }

    private static string[] Strings(JsonNode array) => array.AsArray().Select(a => a!.GetValue<string>()).ToArray();

    /// <summary>How many commitments fall in each group; one in several groups when it has several areas or values.</summary>
    private static Dictionary<string, int> Group(IEnumerable<JsonNode> commitments, Func<JsonNode, string[]> keys) =>
        commitments.SelectMany(keys).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());

    private static string Counts(Dictionary<string, int> groups) => string.Join(", ", groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Value}"));

    private static string Counts(JsonNode rows) => Counts(rows.AsArray(), "key");

    private static string Counts(IEnumerable<JsonNode?> rows, string key) =>
        Counts(rows.ToDictionary(r => r![key]!.GetValue<string>(), r => r!["count"]!.GetValue<int>()));
}

public sealed class IntrospectionToggleTests(IntrospectionOffFactory api) : IClassFixture<IntrospectionOffFactory>
{
    [Fact]
    public async Task Introspection_is_refused_when_configured_off_but_queries_still_run()
    {
        var refused = await api.As(Caller.Anonymous).Post("/graphql", new StringContent("""{"query":"{ __schema { types { name } } }"}""", System.Text.Encoding.UTF8, "application/json"));
        var body = await refused.Json();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("INTROSPECTION_DISABLED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        await api.As(Caller.Anonymous).GraphQL("{ members { code } }");
    }
}
