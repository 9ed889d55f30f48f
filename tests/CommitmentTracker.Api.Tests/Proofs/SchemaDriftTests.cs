using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Proofs;

/// <summary>
/// The running service's schemas must equal schema/openapi.json and schema/schema.graphql, so every schema change
/// is deliberate. To regenerate after a deliberate change: UPDATE_SCHEMA=1 (see README).
/// </summary>
public sealed class SchemaDriftTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1";

    [Fact]
    public async Task OpenApi_document_matches_the_committed_file()
    {
        var live = await api.As(Caller.Anonymous).GetText("/swagger/v1/swagger.json");
        var pretty = JsonNode.Parse(live)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        Compare(Path.Combine(Repo.Root, "schema", "openapi.json"), pretty);
    }

    [Fact]
    public async Task GraphQL_sdl_matches_the_committed_file()
    {
        var live = await api.As(Caller.Anonymous).GetText("/graphql/schema.graphql");
        Compare(Path.Combine(Repo.Root, "schema", "schema.graphql"), live);
    }

    private static void Compare(string path, string live)
    {
        if (Update) File.WriteAllText(path, live);
        Assert.True(File.Exists(path), $"{path} is missing; run the tests with UPDATE_SCHEMA=1 once.");
        var committed = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.True(committed == live, $"{Path.GetFileName(path)} differs from the running service. If the change is deliberate, regenerate with UPDATE_SCHEMA=1.");
    }
}
