using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Members;

public sealed class ApiKeysEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Issued_key_works_is_listed_without_secret_and_stops_working_when_revoked()
    {
        await api.RegisteredMember("GE");
        var issued = await (await api.Admin().PostJson("/api/api-keys", new { name = "Tbilisi PoC", role = "poc", organisation = "Ministry of Justice", members = new[] { "ge" } }))
            .Expect(HttpStatusCode.Created);
        var secret = issued["secret"]!.GetValue<string>();
        var keyId = issued["keyId"]!.GetValue<string>();

        await (await api.WithKey(secret).PostJson("/api/action-plans", Given.Plan("GE"))).Expect(HttpStatusCode.Created);

        var listed = await (await api.Admin().GetAsync("/api/api-keys")).Content.ReadAsStringAsync();
        Assert.Contains(keyId, listed);
        Assert.DoesNotContain(secret, listed);

        await (await api.Admin().DeleteAsync($"/api/api-keys/{keyId}")).Expect(HttpStatusCode.NoContent);
        await (await api.WithKey(secret).PostJson("/api/action-plans", Given.Plan("GE"))).Expect(HttpStatusCode.Unauthorized);
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
    public async Task Bad_key_requests_are_400(string body, string field)
    {
        await api.Admin().PostJson("/api/members", Given.Member("GE"));
        var problem = await (await api.Admin().PostRaw("/api/api-keys", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task Only_admins_manage_keys()
    {
        var cso = await api.Key("cso");
        await (await api.WithKey(cso).PostJson("/api/api-keys", new { name = "x", role = "admin", organisation = "o" })).Expect(HttpStatusCode.Forbidden);
        await (await api.Anonymous().GetAsync("/api/api-keys")).Expect(HttpStatusCode.Unauthorized);
    }
}
