using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using CommitmentTracker.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace CommitmentTracker.Api.Tests.Infrastructure.Auth;

public sealed class JwtAuthenticationTests(JwtApi api) : IClassFixture<JwtApi>
{
    [Fact]
    public async Task A_poc_token_writes_its_own_member_and_the_event_names_the_subject()
    {
        await api.RegisteredMember("GE");
        var token = api.Authority.Token("nino@gov.ge", "poc", ["ge"]);

        var plan = await (await api.WithToken(token).Post("/api/action-plans", Given.Plan("GE"))).Expect(HttpStatusCode.Created);

        var audit = await (await api.As(Caller.Admin).Get("/api/audit?actor=jwt:nino@gov.ge")).Expect(HttpStatusCode.OK);
        var entry = Assert.Single(audit["items"]!.AsArray())!;
        Assert.Equal(plan["id"]!.GetValue<string>(), entry["streamId"]!.GetValue<string>());
        Assert.Equal("poc", entry["role"]!.GetValue<string>());
        Assert.Equal("Ministry of Justice", entry["organisation"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_poc_token_is_403_outside_its_members_and_cso_tokens_cannot_write_plans()
    {
        await api.RegisteredMember("AM");
        var before = await api.EventCount();
        await (await api.WithToken(api.Authority.Token("nino@gov.ge", "poc", ["GE"])).Post("/api/action-plans", Given.Plan("AM")))
            .Expect(HttpStatusCode.Forbidden);
        await (await api.WithToken(api.Authority.Token("monitor@cso.am", "cso")).Post("/api/action-plans", Given.Plan("AM")))
            .Expect(HttpStatusCode.Forbidden);
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task Expired_forged_wrong_audience_and_roleless_tokens_are_401()
    {
        await api.RegisteredMember("UA");
        using var otherKey = RSA.Create(2048);
        string[] bad =
        [
            api.Authority.Token("a", "admin", expires: DateTime.UtcNow.AddMinutes(-10)),
            api.Authority.Token("a", "admin", signWith: new RsaSecurityKey(otherKey) { KeyId = "test-key-1" }),
            api.Authority.Token("a", "admin", audience: "someone-else"),
            api.Authority.Token("a", "king"),
        ];
        var before = await api.EventCount();
        foreach (var token in bad)
            await (await api.WithToken(token).Post("/api/action-plans", Given.Plan("UA"))).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task Api_keys_keep_working_beside_tokens()
    {
        await api.RegisteredMember("KG");
        var poc = await api.Key("poc", "KG");
        await (await api.As(Caller.Key(poc)).Post("/api/action-plans", Given.Plan("KG"))).Expect(HttpStatusCode.Created);
        var bearer = api.As(Caller.Bearer(poc));
        await (await bearer.Post("/api/action-plans", Given.Plan("KG"))).Expect(HttpStatusCode.Created);
    }
}
