using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Infrastructure.Http;

/// <summary>Issue 20: paging never overflows, queries follow the body's rules, and every refusal says how to fix it.</summary>
public sealed class StrictInputTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static string Error(JsonNode problem, string field) =>
        string.Join(" ", problem["errors"]?[field]?.AsArray().Select(m => m!.GetValue<string>()) ?? []);

    [Theory]
    [InlineData("/api/members")]
    [InlineData("/api/action-plans")]
    [InlineData("/api/commitments")]
    
    public async Task A_page_whose_offset_overflows_is_a_400_naming_page(string list)
    {
        var problem = await (await api.As(Caller.Admin).Get(list + "?page=1000000000&pageSize=200")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("must be at most", Error(problem, "page"));
        // a page past the end that fits is simply empty
        var empty = await (await api.As(Caller.Admin).Get(list + "?page=1000000&pageSize=200")).Expect(HttpStatusCode.OK);
        Assert.Empty(empty["items"]!.AsArray());
    }

    [Fact]
    public async Task A_GraphQL_cursor_past_any_offset_is_refused_by_name()
    {
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{int.MaxValue}"));
        foreach (var field in new[] { "commitments", "actionPlans" })
        {
            var response = await api.As(Caller.Anonymous).Post("/graphql", new { query = $"{{ {field}(first: 200, after: \"{cursor}\") {{ totalCount }} }}" });
            var body = await response.Json();
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode} {body}");
            Assert.Contains("after", body["errors"]![0]!.ToJsonString());
        }
    }

    [Theory]
    [InlineData("/api/members?kind=1", "kind", "National, Local")]
    [InlineData("/api/action-plans?status=1", "status", "Draft, CoCreation")]
    [InlineData("/api/commitments?completion=2", "completion", "NotStarted, Limited")]
    [InlineData("/api/commitments?policyArea=Sports", "policyArea", "AntiCorruption")]
    public async Task A_query_enum_is_a_name_never_a_number_and_the_error_lists_the_names(string path, string field, string names)
    {
        var problem = await (await api.As(Caller.Anonymous).Get(path)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains(names, Error(problem, field));
    }

    [Fact]
    public async Task Query_enums_take_any_case_as_body_enums_do()
    {
        await api.RegisteredMember("AM", kind: "national");
        var page = await (await api.As(Caller.Anonymous).Get("/api/members?kind=nAtIoNaL")).Expect(HttpStatusCode.OK);
        Assert.Contains(page["items"]!.AsArray(), m => m!["code"]!.GetValue<string>() == "AM");
        Assert.All(page["items"]!.AsArray(), m => Assert.Equal("National", m!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_query_parameter_is_a_400_naming_it()
    {
        var problem = await (await api.As(Caller.Anonymous).Get("/api/members?colour=red&sort=code&lang=ka")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["colour"], problem.ErrorFields());
        Assert.Contains("pageSize", Error(problem, "colour"));
    }

    [Fact]
    public async Task Body_errors_name_the_format_and_the_allowed_values()
    {
        var plan = await api.OpenPlan("GE");
        var kind = await (await api.As(Caller.Admin).Post("/api/members", new { code = "TV", kind = "Global", name = new { en = "Tuvalu" }, region = "Oceania", defaultLanguage = "en" })).Expect(HttpStatusCode.BadRequest);
        Assert.True(Error(kind, "kind").Contains("National, Local"), kind.ToJsonString());
        var number = await (await api.As(Caller.Admin).Post("/api/members", new { code = "TV", kind = 1, name = new { en = "Tuvalu" }, region = "Oceania", defaultLanguage = "en" })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("National, Local", Error(number, "kind"));
        var commitment = await api.MadeCommitment();
        var date = await (await api.As(Caller.Admin).Post($"/api/commitments/{commitment}/milestones", new { title = new { ka = "ა" }, start = "01/03/2024", due = "2024-12-31" })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("yyyy-MM-dd", Error(date, "start"));
        var area = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", new { title = new { ka = "ა" }, leadInstitution = new { name = "M", kind = "Government" }, policyAreas = new[] { "Sports" }, ogpValues = new[] { "CivicParticipation" } })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("AntiCorruption", Error(area, "policyAreas[0]"));
        var progress = await (await api.As(Caller.Admin).PostText($"/api/commitments/{commitment}/milestones/{commitment}-M1/progress", """{"percent": "50"}""")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("a JSON number", Error(progress, "percent"));
        var asOf = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{commitment}?asOf=yesterday")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("yyyy-MM-dd", Error(asOf, "asOf"));
    }

    [Fact]
    public async Task An_empty_or_missing_body_says_so_in_errors_body()
    {
        foreach (var content in new HttpContent?[] { null, new StringContent("", Encoding.UTF8, "application/json") })
        {
            var problem = await (await api.As(Caller.Admin).Post("/api/members", content)).Expect(HttpStatusCode.BadRequest);
            Assert.Contains("JSON object", Error(problem, "body"));
        }
    }

    [Fact]
    public async Task A_415_names_the_accepted_media_types()
    {
        var content = new StringContent("{}", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        var problem = await (await api.As(Caller.Admin).Post("/api/members", content)).Expect(HttpStatusCode.UnsupportedMediaType);
        Assert.True(problem.ToJsonString().Contains("application/json"), problem.ToJsonString());
    }

    [Fact]
    public async Task A_401_says_how_to_authenticate_and_challenges_both_schemes()
    {
        foreach (var client in new[] { api.As(Caller.Anonymous), api.As(Caller.Key("not-a-key")) })
        {
            var response = await client.Post("/api/members", new { code = "TV" });
            var problem = await response.Expect(HttpStatusCode.Unauthorized);
            Assert.Contains("X-Api-Key", problem["detail"]!.GetValue<string>());
            Assert.Contains("Bearer", problem["detail"]!.GetValue<string>());
            var schemes = response.Headers.WwwAuthenticate.Select(h => h.Scheme).ToArray();
            Assert.Contains("ApiKey", schemes);
            Assert.Contains("Bearer", schemes);
        }
    }
}
