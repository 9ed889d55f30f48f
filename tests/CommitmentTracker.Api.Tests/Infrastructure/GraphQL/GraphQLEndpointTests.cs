using System.Net;
using System.Text;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Infrastructure.GraphQL;

public sealed class GraphQLEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task Georgia()
    {
        if ((await api.As(Caller.Anonymous).Get("/api/members/GE")).StatusCode == HttpStatusCode.OK) return;
        await api.RegisteredMember("GE", name: "საქართველო");
        await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("GE", "2016-07-01", "2018-06-30"))).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("GE", "2018-07-01", "2020-06-30"))).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Members_member_and_action_plans_over_post()
    {
        await Georgia();
        var data = await api.As(Caller.Anonymous).GraphQL("""
            query($code: String!) {
              members { code kind }
              member(code: $code) { code name(lang: "en") nameTranslations { lang text } region }
              actionPlans(memberCode: $code) { totalCount edges { node { id sequence title start end status } } }
            }
            """, new { code = "GE" });

        Assert.Contains(data["members"]!.AsArray(), m => m!["code"]!.GetValue<string>() == "GE");
        Assert.Equal("Member GE", data["member"]!["name"]!.GetValue<string>());
        Assert.Equal(["en", "ka"], data["member"]!["nameTranslations"]!.AsArray().Select(t => t!["lang"]!.GetValue<string>()).ToArray());
        var plans = data["actionPlans"]!["edges"]!.AsArray().Select(e => e!["node"]).ToArray();
        Assert.Equal(2, data["actionPlans"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(["GE-AP2", "GE-AP1"], plans.Select(p => p!["id"]!.GetValue<string>()).ToArray());
        Assert.Equal("2018-07-01", plans[0]!["start"]!.GetValue<string>());
        Assert.Equal("Draft", plans[0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_with_query_parameters_and_lang_fallback()
    {
        await Georgia();
        var query = Uri.EscapeDataString("""{ member(code: "GE") { fr: name(lang: "fr") ka: name en: name(lang: "en-US") } }""");
        var response = await api.As(Caller.Anonymous).Get($"/graphql?query={query}");
        var body = await response.Json();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("საქართველო", body["data"]!["member"]!["fr"]!.GetValue<string>());
        Assert.Equal("საქართველო", body["data"]!["member"]!["ka"]!.GetValue<string>());
        Assert.Equal("Member GE", body["data"]!["member"]!["en"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_member_is_null_not_an_error()
    {
        var data = await api.As(Caller.Anonymous).GraphQL("""{ member(code: "QQ") { code } }""");
        Assert.Null(data["member"]);
    }

    [Theory]
    [InlineData("""{"query":"{ members { code "}""", "SYNTAX_ERROR")]
    [InlineData("""{"query":"{ members { nope } }"}""", "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("{\"query\":\"\"}", "INVALID_REQUEST")]
    [InlineData("""{"nothing":1}""", "INVALID_REQUEST")]
    public async Task Bad_requests_are_400_with_an_error_code(string body, string code)
    {
        var response = await api.As(Caller.Anonymous).Post("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
        var json = await response.Json();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Graphql_response_media_type_when_accepted()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ members { code } }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        var response = await api.As(Caller.Anonymous).Send(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Mutation_over_get_is_405()
    {
        var response = await api.As(Caller.Anonymous).Get("/graphql?query=" + Uri.EscapeDataString("mutation { members { code } }"));
        var body = await response.Json();
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
        Assert.Equal("HTTP_METHOD_NOT_ALLOWED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}
