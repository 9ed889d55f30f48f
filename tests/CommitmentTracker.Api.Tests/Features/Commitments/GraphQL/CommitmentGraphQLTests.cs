using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Commitments.GraphQL;

public sealed class CommitmentGraphQLTests(ApiReplicaApi api) : IClassFixture<ApiReplicaApi>
{
    [Fact]
    public async Task Commitment_with_lang_fallback_assessments_and_as_of()
    {
        api.Clock.Now = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var id = await api.MadeCommitment("GE");
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/completion", new { completion = "Limited", reason = "started" })).Expect(HttpStatusCode.OK);
        api.Clock.Now = new DateTimeOffset(2024, 10, 1, 0, 0, 0, TimeSpan.Zero);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/completion", new { completion = "Complete", reason = "done" })).Expect(HttpStatusCode.OK);

        var data = await api.As(Caller.Anonymous).GraphQL("""
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
                await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment(id))).Expect(HttpStatusCode.Created)));

        var seen = new List<string>();
        string? after = null;
        int pages = 0;
        while (true)
        {
            var data = await api.As(Caller.Anonymous).GraphQL("""
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
        var data = await api.As(Caller.Anonymous).GraphQL("""{ commitments(filter: { member: "am", policyArea: OpenContracting }) { totalCount edges { node { id policyAreas } } } }""");
        var found = data["commitments"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToArray();
        var rest = (await (await api.As(Caller.Anonymous).Get("/api/commitments?member=AM&policyArea=OpenContracting")).Json())["items"]!.AsArray()
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
            var query = new { query = """query($m: String!) { actionPlans(memberCode: $m) { edges { node { id commitments { id milestones { edges { node { id } } } assessments { cso { organisation } } history { type actor } } } } } }""", variables = new { m = member } };
            var before = api.Sql.Count;
            var response = await api.As(Caller.Anonymous).Post("/graphql", query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return api.Sql.Count - before;
        }

        foreach (var _ in Enumerable.Range(0, 2)) await api.MadeCommitment("MD");
        foreach (var _ in Enumerable.Range(0, 6)) await api.MadeCommitment("AZ");
        var cso = await api.Key("cso");
        var azCommitments = (await (await api.As(Caller.Anonymous).Get("/api/commitments?member=AZ")).Json())["items"]!.AsArray();
        foreach (var c in azCommitments)
            await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{c!["id"]}/assessments/cso", new { completion = "Limited", comment = "seen" })).Expect(HttpStatusCode.Created);

        var few = await RoundTrips("MD");
        var many = await RoundTrips("AZ");
        Assert.Equal(few, many);
        Assert.True(many <= 4, $"{many} round trips: plans, commitments, CSO assessments and histories should be one each");
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

        var aliases = string.Join(" ", Enumerable.Range(0, 40).Select(i => $"a{i}: commitments(first: 200) {{ edges {{ node {{ milestones {{ edges {{ node {{ evidence {{ url }} }} }} }} assessments {{ cso {{ organisation }} }} }} }} }}"));
        var costly = await Post("{ " + aliases + " }");
        Assert.Equal(HttpStatusCode.BadRequest, costly.status);
        Assert.Contains("complexity", costly.body, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<(HttpStatusCode status, string body)> Post(string query)
    {
        var response = await api.As(Caller.Anonymous).Post("/graphql", new { query });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("member=GE", "{ member: \"GE\" }")]
    [InlineData("policyArea=Justice", "{ policyArea: Justice }")]
    [InlineData("ogpValue=TechnologyAndInnovation", "{ ogpValue: TechnologyAndInnovation }")]
    [InlineData("completion=Complete", "{ completion: Complete }")]
    [InlineData("irmCompletion=Limited", "{ irmCompletion: Limited }")]
    [InlineData("overdue=true", "{ overdue: true }")]
    [InlineData("overdue=false", "{ overdue: false }")]
    [InlineData("q=%E1%83%9B%E1%83%9D%E1%83%9C%E1%83%98%E1%83%A2%E1%83%9D%E1%83%A0%E1%83%98", "{ q: \"მონიტორი\" }")]
    public async Task Every_filter_returns_what_rest_returns(string rest, string filter)
    {
        api.Clock.Now = new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero);
        if ((await (await api.As(Caller.Anonymous).Get("/api/commitments?member=MD")).Json())["totalCount"]!.GetValue<long>() == 0)
        {
            var a = await api.MadeCommitment("MD", Given.Commitment(policyAreas: ["Justice"], ogpValues: ["TechnologyAndInnovation"]));
            var b = await api.MadeCommitment("GE", Given.Commitment(title: new() { ["ka"] = "სამოქალაქო საზოგადოება - მონიტორი" }));
            await (await api.As(Caller.Admin).Post($"/api/commitments/{a}/completion", new { completion = "Complete", reason = "done" })).Expect(HttpStatusCode.OK);
            await (await api.As(Caller.Admin).Post($"/api/commitments/{b}/assessments/irm", new { results = new { completion = "Limited", didItOpenGovernment = "Marginal" } })).Expect(HttpStatusCode.OK);
            await (await api.As(Caller.Admin).Post($"/api/commitments/{b}/milestones", Given.Milestone("2024-01-01", "2024-03-31"))).Expect(HttpStatusCode.Created);
        }
        var expected = (await (await api.As(Caller.Anonymous).Get("/api/commitments?pageSize=200&" + rest)).Json())["items"]!.AsArray()
            .Select(c => c!["id"]!.GetValue<string>()).ToArray();
        var data = await api.As(Caller.Anonymous).GraphQL("{ commitments(first: 200, filter: " + filter + ") { totalCount edges { node { id } } } }");
        var found = data["commitments"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, found);
        Assert.Equal(expected.Length, data["commitments"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Milestones_page_as_a_connection_and_history_names_who_and_why()
    {
        var id = await api.MadeCommitment("AZ");
        for (var i = 0; i < 5; i++) await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/withdraw", new { reason = "Merged" })).Expect(HttpStatusCode.OK);

        var first = await api.As(Caller.Anonymous).GraphQL("query($id: ID!) { commitment(id: $id) { milestones(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } history { type actor role reason } } }", new { id });
        var page = first["commitment"]!["milestones"]!;
        Assert.Equal(5, page["totalCount"]!.GetValue<int>());
        var rest = await api.As(Caller.Anonymous).GraphQL("query($id: ID!, $after: String) { commitment(id: $id) { milestones(first: 10, after: $after) { pageInfo { hasNextPage } edges { node { id } } } } }",
            new { id, after = page["pageInfo"]!["endCursor"]!.GetValue<string>() });
        var ids = page["edges"]!.AsArray().Concat(rest["commitment"]!["milestones"]!["edges"]!.AsArray()).Select(e => e!["node"]!["id"]!.GetValue<string>()).ToArray();
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{id}-M{i}"), ids);
        Assert.False(rest["commitment"]!["milestones"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        var history = first["commitment"]!["history"]!.AsArray();
        Assert.Equal(7, history.Count);
        Assert.Equal("commitment_withdrawn", history[^1]!["type"]!.GetValue<string>());
        Assert.Equal("Merged", history[^1]!["reason"]!.GetValue<string>());
        Assert.Equal("admin", history[^1]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Milestone_texts_fall_back_to_the_commitments_default_language_not_to_any()
    {
        var id = await api.MadeCommitment("UA"); // the plan's, so the commitment's, default language is ka
        var milestone = new
        {
            // "en" sorts before "ka": a fallback to "any language" would pick English, the default picks Georgian
            title = new Dictionary<string, string> { ["en"] = "Monitoring report", ["ka"] = "მონიტორინგის ანგარიში" },
            deliverable = new Dictionary<string, string> { ["en"] = "Published report", ["ka"] = "გამოქვეყნებული ანგარიში" },
            start = "2024-01-01", due = "2024-12-31",
        };
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", milestone)).Expect(HttpStatusCode.Created);

        var data = await api.As(Caller.Anonymous).GraphQL("""
            query($id: ID!) { commitment(id: $id) { milestones { edges { node {
              hy: title(lang: "hy") en: title(lang: "en") deliverableHy: deliverable(lang: "hy") deliverableEn: deliverable(lang: "en-GB") } } } } }
            """, new { id });
        var node = data["commitment"]!["milestones"]!["edges"]![0]!["node"]!;
        Assert.Equal("მონიტორინგის ანგარიში", node["hy"]!.GetValue<string>());
        Assert.Equal("Monitoring report", node["en"]!.GetValue<string>());
        Assert.Equal("გამოქვეყნებული ანგარიში", node["deliverableHy"]!.GetValue<string>());
        Assert.Equal("Published report", node["deliverableEn"]!.GetValue<string>());
    }
}
