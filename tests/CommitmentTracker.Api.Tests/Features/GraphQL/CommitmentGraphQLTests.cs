using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.GraphQL;

public sealed class CommitmentGraphQLTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Commitment_with_lang_fallback_assessments_and_as_of()
    {
        api.Clock.Now = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var id = await api.MadeCommitment("GE");
        await (await api.Admin().PostJson($"/api/commitments/{id}/completion", new { completion = "Limited", reason = "started" })).Expect(HttpStatusCode.OK);
        api.Clock.Now = new DateTimeOffset(2024, 10, 1, 0, 0, 0, TimeSpan.Zero);
        await (await api.Admin().PostJson($"/api/commitments/{id}/completion", new { completion = "Complete", reason = "done" })).Expect(HttpStatusCode.OK);

        var data = await api.Anonymous().GraphQL("""
            query($id: ID!) {
              now: commitment(id: $id) { completion en: title(lang: "en") fr: title(lang: "fr") assessments { self { completion reason } cso { organisation } irm { starred } } }
              then: commitment(id: $id, asOf: "2024-08-30") { completion version }
            }
            """, new { id });
        Assert.Equal("Complete", data["now"]!["completion"]!.GetValue<string>());
        Assert.Equal("Monitoring public administration reform", data["now"]!["en"]!.GetValue<string>());
        Assert.Equal("საჯარო ადმინისტრირების რეფორმის მონიტორინგი", data["now"]!["fr"]!.GetValue<string>());
        Assert.Equal("done", data["now"]!["assessments"]!["self"]!["reason"]!.GetValue<string>());
        Assert.Equal("Limited", data["then"]!["completion"]!.GetValue<string>());
        Assert.Equal(2, data["then"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Connection_pages_through_a_thousand_commitments_without_duplicates_or_gaps()
    {
        var plan = await api.OpenPlan("UA");
        var ids = Enumerable.Range(1, 1000).Select(i => $"UA{i:D4}").ToArray();
        foreach (var chunk in ids.Chunk(25))
            await Task.WhenAll(chunk.Select(async id =>
                await (await api.Admin().PostJson($"/api/action-plans/{plan}/commitments", Given.Commitment(id))).Expect(HttpStatusCode.Created)));

        var seen = new List<string>();
        string? after = null;
        int pages = 0;
        while (true)
        {
            var data = await api.Anonymous().GraphQL("""
                query($after: String, $plan: String) {
                  commitments(first: 200, after: $after, filter: { plan: $plan }, orderBy: Id) {
                    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }
                  }
                }
                """, new { after, plan });
            var connection = data["commitments"]!;
            Assert.Equal(1000, connection["totalCount"]!.GetValue<int>());
            seen.AddRange(connection["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
            pages++;
            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) break;
            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        Assert.Equal(5, pages);
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task Filters_mean_what_they_mean_in_rest()
    {
        var open = await api.MadeCommitment("AM", Given.Commitment(policyAreas: ["OpenContracting"]));
        var other = await api.MadeCommitment("AM", Given.Commitment(policyAreas: ["Justice"]));
        var data = await api.Anonymous().GraphQL("""{ commitments(filter: { member: "am", policyArea: OpenContracting }) { totalCount edges { node { id policyAreas } } } }""");
        var found = data["commitments"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToArray();
        var rest = (await (await api.Anonymous().GetAsync("/api/commitments?member=AM&policyArea=OpenContracting")).Json())["items"]!.AsArray()
            .Select(c => c!["id"]!.GetValue<string>()).ToArray();
        Assert.Contains(open, found);
        Assert.DoesNotContain(other, found);
        Assert.Equal(rest, found);
    }

    [Fact]
    public async Task Nested_lists_load_in_batches_whatever_the_number_of_parents()
    {
        async Task<int> RoundTrips(string member)
        {
            var query = new { query = """query($m: String!) { actionPlans(memberCode: $m) { id commitments { id milestones { id } assessments { cso { organisation } } } } }""", variables = new { m = member } };
            var before = api.Sql.Count;
            var response = await api.Anonymous().PostAsJsonAsync("/graphql", query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return api.Sql.Count - before;
        }

        foreach (var _ in Enumerable.Range(0, 2)) await api.MadeCommitment("MD");
        foreach (var _ in Enumerable.Range(0, 6)) await api.MadeCommitment("AZ");
        var cso = await api.Key("cso");
        var azCommitments = (await (await api.Anonymous().GetAsync("/api/commitments?member=AZ")).Json())["items"]!.AsArray();
        foreach (var c in azCommitments)
            await (await api.WithKey(cso).PostJson($"/api/commitments/{c!["id"]}/assessments/cso", new { completion = "Limited", comment = "seen" })).Expect(HttpStatusCode.Created);

        var few = await RoundTrips("MD");
        var many = await RoundTrips("AZ");
        Assert.Equal(few, many);
        Assert.True(many <= 3, $"{many} round trips: plans, commitments, CSO assessments should be one each");
    }

    [Fact]
    public async Task Oversized_pages_deep_documents_and_costly_documents_are_refused_cleanly()
    {
        var tooBig = await Post("""{ commitments(first: 5000) { totalCount } }""");
        Assert.Equal(HttpStatusCode.OK, tooBig.status);
        Assert.Contains("first", tooBig.body);

        var deep = await Post("{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } }");
        Assert.Equal(HttpStatusCode.BadRequest, deep.status);
        Assert.Contains("depth", deep.body, StringComparison.OrdinalIgnoreCase);

        var aliases = string.Join(" ", Enumerable.Range(0, 40).Select(i => $"a{i}: commitments(first: 200) {{ edges {{ node {{ milestones {{ evidence {{ url }} }} assessments {{ cso {{ organisation }} }} }} }} }}"));
        var costly = await Post("{ " + aliases + " }");
        Assert.Equal(HttpStatusCode.BadRequest, costly.status);
        Assert.Contains("complexity", costly.body, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<(HttpStatusCode status, string body)> Post(string query)
    {
        var response = await api.Anonymous().PostAsJsonAsync("/graphql", new { query });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
