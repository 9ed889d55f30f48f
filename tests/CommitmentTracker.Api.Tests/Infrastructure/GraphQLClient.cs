using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CommitmentTracker.Api.Tests.Infrastructure;

public static class GraphQLClient
{
    public static async Task<JsonNode> GraphQL(this Scenarios caller, string query, object? variables = null) =>
        await Data((await caller.Post("/graphql", new { query, variables })).Message);

    // HttpClient, not Alba: for the tests that keep an HttpClient (each says why); the rest post GraphQL as scenarios.
    public static async Task<JsonNode> GraphQL(this HttpClient client, string query, object? variables = null) =>
        await Data(await client.PostAsJsonAsync("/graphql", new { query, variables }));

    private static async Task<JsonNode> Data(HttpResponseMessage response)
    {
        var body = await response.Json();
        Assert.True(response.IsSuccessStatusCode, $"GraphQL answered {(int)response.StatusCode}: {body.ToJsonString()}");
        Assert.Null(body["errors"]);
        return body["data"]!;
    }
}
