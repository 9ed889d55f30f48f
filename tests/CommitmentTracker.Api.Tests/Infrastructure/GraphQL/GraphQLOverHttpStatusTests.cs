using System.Net;
using System.Text;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Infrastructure.GraphQL;

/// <summary>
/// GraphQL-over-HTTP's status rule for a document that never ran: 200 with the errors for a client that accepts only
/// application/json, 400 for one that accepts application/graphql-response+json (the graphql-http audit checks the same
/// against the live server in CI).
/// </summary>
public sealed class GraphQLOverHttpStatusTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("{ members { code ", "application/json", HttpStatusCode.OK)] // parse error
    [InlineData("{ members { nope } }", "application/json", HttpStatusCode.OK)] // validation error
    [InlineData("{ members { code ", "application/graphql-response+json", HttpStatusCode.BadRequest)]
    [InlineData("{ members { nope } }", "application/graphql-response+json", HttpStatusCode.BadRequest)]
    public async Task A_document_that_never_ran(string query, string accept, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent($$"""{"query":{{System.Text.Json.JsonSerializer.Serialize(query)}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd(accept);
        var response = await api.As(Caller.Anonymous).Send(request);
        var body = await response.Json();
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(accept, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(body["errors"]!.AsArray());
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task A_variable_that_does_not_coerce_is_200_for_a_json_only_client()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"query ($code: String!) { member(code: $code) { code } }","variables":{"code":7}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await api.As(Caller.Anonymous).Send(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await response.Json())["errors"]!.AsArray());
    }
}
