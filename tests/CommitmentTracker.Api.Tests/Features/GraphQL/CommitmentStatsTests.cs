using System.Net;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.GraphQL;

public sealed class CommitmentStatsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<JsonNode[]> Seed()
    {
        api.Clock.Now = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var irm = await api.Key("irm");
        var areas = new[] { new[] { "AntiCorruption" }, ["Justice", "AntiCorruption"], ["OpenContracting"] };
        var completions = new[] { "Limited", "Substantial", "Complete", "Limited" };
        var n = 0;
        foreach (var member in new[] { "GE", "AM", "UA" })
            for (var i = 0; i < 4; i++, n++)
            {
                var id = await api.MadeCommitment(member, Given.Commitment(policyAreas: areas[n % 3]));
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
              byArea: commitmentStats(groupBy: PolicyArea) { key count }
              byIrm: commitmentStats(groupBy: IrmCompletion) { key count }
              gePlusJustice: commitmentStats(groupBy: Member, filter: { policyArea: Justice }) { key count }
            }
            """);

        foreach (var row in data["byMember"]!.AsArray())
        {
            var mine = all.Where(c => c["memberCode"]!.GetValue<string>() == row!["key"]!.GetValue<string>()).ToArray();
            Assert.Equal(mine.Length, row!["count"]!.GetValue<int>());
            Assert.Equal(mine.Count(c => c["overdueMilestones"]!.GetValue<int>() > 0), row["overdue"]!.GetValue<int>());
            Assert.Equal(mine.Count(c => c["assessments"]!["irm"]?["starred"]?.GetValue<bool>() == true), row["starred"]!.GetValue<int>());
            Assert.Equal(Math.Round(mine.Average(c => c["progress"]!.GetValue<double>()), 1), row["meanProgress"]!.GetValue<double>(), 1);
            foreach (var bucket in row["completion"]!.AsArray())
                Assert.Equal(mine.Count(c => c["completion"]!.GetValue<string>() == bucket!["completion"]!.GetValue<string>()), bucket!["count"]!.GetValue<int>());
        }
        Assert.Equal(3, data["byMember"]!.AsArray().Count);

        foreach (var row in data["byArea"]!.AsArray())
            Assert.Equal(all.Count(c => c["policyAreas"]!.AsArray().Any(a => a!.GetValue<string>() == row!["key"]!.GetValue<string>())), row!["count"]!.GetValue<int>());
        foreach (var row in data["byIrm"]!.AsArray())
            Assert.Equal(all.Count(c => (c["assessments"]!["irm"]?["results"]?["completion"]?.GetValue<string>() ?? "NotAssessed") == row!["key"]!.GetValue<string>()), row!["count"]!.GetValue<int>());
        Assert.Equal(all.Count(c => c["policyAreas"]!.AsArray().Any(a => a!.GetValue<string>() == "Justice")),
            data["gePlusJustice"]!.AsArray().Sum(r => r!["count"]!.GetValue<int>()));

        var rest = await (await api.As(Caller.Anonymous).Get("/api/commitments/stats?groupBy=Member")).Expect(HttpStatusCode.OK);
        Assert.Equal(data["byMember"]!.AsArray().Select(r => r!["count"]!.GetValue<int>()), rest.AsArray().Select(r => r!["count"]!.GetValue<int>()));
        await (await api.As(Caller.Anonymous).Get("/api/commitments/stats")).Expect(HttpStatusCode.BadRequest);
    }
}

/// <summary>A host configured as production would be: introspection off.</summary>
public sealed class IntrospectionOffFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["GraphQL:EnableIntrospection"] = "false" };
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
