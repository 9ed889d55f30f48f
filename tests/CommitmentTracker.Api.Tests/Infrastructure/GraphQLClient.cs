using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CommitmentTracker.Api.Tests.Infrastructure;

public static class GraphQLClient
{
    public static async Task<JsonNode> GraphQL(this HttpClient client, string query, object? variables = null)
    {
        var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Json();
        Assert.True(response.IsSuccessStatusCode, $"GraphQL answered {(int)response.StatusCode}: {body.ToJsonString()}");
        Assert.Null(body["errors"]);
        return body["data"]!;
    }
}
