using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Infrastructure.OpenApi;

/// <summary>Issue 20: the OpenAPI document names every operation, declares both schemes on every write, and its headers.</summary>
public sealed class OpenApiContractTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<JsonNode> Document() => (await (await api.As(Caller.Anonymous).Get("/swagger/v1/swagger.json")).Json());

    private static IEnumerable<(string Method, string Path, JsonNode Operation)> Operations(JsonNode doc) =>
        doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (o.Key.ToUpperInvariant(), p.Key, o.Value!)));

    [Fact]
    public async Task Every_operation_has_a_stable_unique_operationId()
    {
        var doc = await Document();
        var missing = Operations(doc).Where(o => o.Operation["operationId"] is null).Select(o => $"{o.Method} {o.Path}").ToArray();
        Assert.True(missing.Length == 0, "add these to Infrastructure/OpenApi/OperationIds.cs: " + string.Join(", ", missing));
        var ids = Operations(doc).Select(o => o.Operation["operationId"]!.GetValue<string>()).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Contains("ReportMilestoneProgress", ids);
    }

    [Fact]
    public async Task Every_write_requires_an_api_key_or_a_bearer_token_and_reads_do_not()
    {
        var doc = await Document();
        Assert.NotNull(doc["components"]!["securitySchemes"]!["ApiKey"]);
        Assert.Equal("bearer", doc["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
        foreach (var (method, path, operation) in Operations(doc).Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var schemes = operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).ToArray() ?? [];
            if (method != "GET")
                Assert.True(schemes.Contains("ApiKey") && schemes.Contains("Bearer"), $"{method} {path} declares {string.Join(",", schemes)}");
        }
        // A read says that it takes no credential: one empty requirement, so the lint's security-defined rule is met.
        Assert.Equal("[{}]", Operations(doc).Single(o => o.Method == "GET" && o.Path == "/api/commitments").Operation["security"]!.ToJsonString());
        Assert.NotEmpty(doc["servers"]!.AsArray());
        Assert.All(doc["tags"]!.AsArray(), t => Assert.False(string.IsNullOrWhiteSpace(t!["description"]?.GetValue<string>()), t!.ToJsonString()));
    }

    [Fact]
    public async Task The_headers_of_the_contract_are_declared()
    {
        var doc = await Document();
        var read = Operations(doc).Single(o => o.Method == "GET" && o.Path == "/api/commitments/{id}").Operation;
        Assert.NotNull(read["responses"]!["200"]!["headers"]!["ETag"]);
        Assert.NotNull(read["responses"]!["304"]);
        Assert.Contains(read["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "If-None-Match");
        Assert.Contains(read["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Accept-Language");
        var progress = Operations(doc).Single(o => o.Method == "POST" && o.Path.EndsWith("/progress", StringComparison.Ordinal)).Operation;
        Assert.Contains(progress["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "If-Match");
        Assert.Contains(progress["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Idempotency-Key");
        var make = Operations(doc).Single(o => o.Method == "POST" && o.Path == "/api/members").Operation;
        Assert.NotNull(make["responses"]!["201"]!["headers"]!["Location"]);
        var csv = Operations(doc).Single(o => o.Path == "/api/export/commitments.csv").Operation;
        Assert.NotNull(csv["responses"]!["200"]!["headers"]!["Content-Disposition"]);
    }
}
