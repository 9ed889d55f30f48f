using System.Net;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.ApiKeys;

/// <summary>API keys over HTTP, as Alba scenarios (the pattern for HTTP tests; see README, Tests).</summary>
public sealed class ApiKeysEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Issued_key_works_is_listed_without_secret_and_stops_working_when_revoked()
    {
        await api.RegisteredMember("GE");
        var issued = await (await api.Scenario(s =>
        {
            s.Post.Json(new { name = "Tbilisi PoC", role = "poc", organisation = "Ministry of Justice", members = new[] { "ge" } }).ToUrl("/api/api-keys");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        }, ApiFactory.AdminKey)).ReadAsJsonAsync<JsonNode>();
        var secret = issued["secret"]!.GetValue<string>();
        var keyId = issued["keyId"]!.GetValue<string>();

        await api.Scenario(s => { s.Post.Json(Given.Plan("GE")).ToUrl("/api/action-plans"); s.StatusCodeShouldBe(HttpStatusCode.Created); }, secret);

        var listed = await (await api.Scenario(s => { s.Get.Url("/api/api-keys"); s.StatusCodeShouldBe(HttpStatusCode.OK); }, ApiFactory.AdminKey)).ReadAsTextAsync();
        Assert.Contains(keyId, listed);
        Assert.DoesNotContain(secret, listed);

        await api.Scenario(s => { s.Delete.Url($"/api/api-keys/{keyId}"); s.StatusCodeShouldBe(HttpStatusCode.NoContent); }, ApiFactory.AdminKey);
        await api.Scenario(s => { s.Post.Json(Given.Plan("GE")).ToUrl("/api/action-plans"); s.StatusCodeShouldBe(HttpStatusCode.Unauthorized); }, secret);
    }

    [Fact]
    public async Task Secret_is_stored_only_as_a_hash()
    {
        var secret = await api.Key("cso");
        await using var session = api.Store.QuerySession();
        var stored = await session.QueryAsync<string>($"select data::text from {api.Schema}.mt_doc_apikey");
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, d => d.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(stored, d => d.Contains(ApiFactory.AdminKey, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"name":"x","role":"king","organisation":"o"}""", "role")]
    [InlineData("""{"name":"x","role":"poc","organisation":"o"}""", "members")]
    [InlineData("""{"name":"x","role":"poc","organisation":"o","members":["QQ"]}""", "members")]
    [InlineData("""{"name":"x","role":"cso","organisation":"o","members":["GE"]}""", "members")]
    [InlineData("""{"name":"Nino <nino@gov.ge>","role":"cso","organisation":"o"}""", "name")] // published beside every write
    public async Task Bad_key_requests_are_400(string body, string field)
    {
        await api.Scenario(s => { s.Post.Json(Given.Member("GE")).ToUrl("/api/members"); s.IgnoreStatusCode(); }, ApiFactory.AdminKey); // 201, or 409 once registered
        var problem = await (await api.Scenario(s =>
        {
            s.Post.Url("/api/api-keys");
            s.RawJson(body);
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        }, ApiFactory.AdminKey)).ReadAsJsonAsync<JsonNode>();
        Assert.Contains(field, problem.ErrorFields());
    }

    /// <summary>Issue 20: the role is an enum of the contract, read by name in any case (as every enum), never as a number.</summary>
    [Theory]
    [InlineData("""{"name":"x","role":"king","organisation":"o"}""", "must be one of admin, poc, cso, irm.")]
    [InlineData("""{"name":"x","role":2,"organisation":"o"}""", "must be one of admin, poc, cso, irm.")]
    [InlineData("""{"name":"x","organisation":"o"}""", "is required.")]
    public async Task The_role_is_one_of_the_four_names(string body, string message)
    {
        var problem = await (await api.As(Caller.Admin).PostText("/api/api-keys", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["role"], problem.ErrorFields());
        Assert.Contains(message, problem["errors"]!["role"]![0]!.GetValue<string>());
        var issued = await (await api.As(Caller.Admin).PostText("/api/api-keys", """{"name":"Monitor","role":"CSO","organisation":"Watch"}""")).Expect(HttpStatusCode.Created);
        Assert.Equal("cso", issued["role"]!.GetValue<string>());

        var doc = await (await api.As(Caller.Anonymous).Get("/swagger/v1/swagger.json")).Json();
        var role = doc["components"]!["schemas"]!["ApiKeyRole"]!;
        Assert.Equal(["admin", "poc", "cso", "irm"], role["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("IssueApiKey", doc["components"]!["schemas"]!.AsObject().Select(s => s.Key));
        Assert.Contains("role", doc["components"]!["schemas"]!["IssueApiKey"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Only_admins_manage_keys()
    {
        var cso = await api.Key("cso");
        await api.Scenario(s =>
        {
            s.Post.Json(new { name = "x", role = "admin", organisation = "o" }).ToUrl("/api/api-keys");
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        }, cso);
        await api.Scenario(s => { s.Get.Url("/api/api-keys"); s.StatusCodeShouldBe(HttpStatusCode.Unauthorized); });
    }
}
