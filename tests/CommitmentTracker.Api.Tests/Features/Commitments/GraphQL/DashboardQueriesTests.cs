using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Commitments.GraphQL;

/// <summary>
/// Every dashboard query kept under tests/graphql-clients/dashboard-queries (which CI also validates with the npm
/// graphql package) runs against the real server without errors: none is refused by the depth or complexity limits.
/// </summary>
public sealed class DashboardQueriesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Files => new(
        Directory.GetFiles(Path.Combine(Repo.Root, "tests", "graphql-clients", "dashboard-queries"), "*.graphql").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Dashboard_query_runs_without_errors(string file)
    {
        var id = await api.MadeCommitment("GE");
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        var query = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "tests", "graphql-clients", "dashboard-queries", file));
        var variables = new Dictionary<string, object?> { ["code"] = "GE", ["lang"] = "en", ["q"] = "მონიტორინგის", ["id"] = id, ["end"] = "2025-12-31", ["overdue"] = true };

        var response = await api.As(Caller.Anonymous).Post("/graphql", new { query, variables });
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK && body["errors"] is null, $"{file}: {body.ToJsonString()}");
        // The seeded commitment is in each answer, where the query puts it (red when a resolver returned nothing).
        var data = body["data"]!;
        var found = file switch
        {
            "commitment-as-of.graphql" => data["commitment"]!["id"]!.GetValue<string>() == id && data["commitment"]!["milestones"]!["totalCount"]!.GetValue<int>() == 1,
            "commitment-feed.graphql" => data["commitments"]!["edges"]!.AsArray().Any(e => e!["node"]!["id"]!.GetValue<string>() == id),
            "member-overview.graphql" => data["member"]!["code"]!.GetValue<string>() == "GE"
                && data["actionPlans"]!["edges"]!.AsArray().Any(p => p!["node"]!["commitments"]!.AsArray().Any(c => c!["id"]!.GetValue<string>() == id)),
            "stats-by-member-and-area.graphql" => data["byMember"]!.AsArray().Any(r => r!["key"]!.GetValue<string>() == "GE" && r["count"]!.GetValue<int>() >= 1),
            _ => throw new InvalidOperationException($"{file}: say what its answer must hold"),
        };
        Assert.True(found, $"{file}: the seeded commitment {id} is not in {data.ToJsonString()[..Math.Min(data.ToJsonString().Length, 600)]}");
    }
}
