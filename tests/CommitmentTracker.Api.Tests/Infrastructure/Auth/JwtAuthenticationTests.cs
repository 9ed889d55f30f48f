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
        var token = api.Authority.Token("tamar-0001", "poc", ["ge"]);

        var plan = await (await api.WithToken(token).Post("/api/action-plans", Given.Plan("GE"))).Expect(HttpStatusCode.Created);

        var audit = await (await api.As(Caller.Admin).Get("/api/audit?actor=jwt:tamar-0001")).Expect(HttpStatusCode.OK);
        var entry = Assert.Single(audit["items"]!.AsArray())!;
        Assert.Equal(plan["id"]!.GetValue<string>(), entry["streamId"]!.GetValue<string>());
        Assert.Equal(("jwt:tamar-0001", "tamar-0001 (OIDC)"), (entry["actor"]!.GetValue<string>(), entry["actorName"]!.GetValue<string>()));
        Assert.Equal("poc", entry["role"]!.GetValue<string>());
        Assert.Equal("Ministry of Justice", entry["organisation"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_subject_and_name_that_are_email_addresses_are_never_published()
    {
        await api.RegisteredMember("GE");
        var token = api.Authority.Token("Nino.Beridze@gov.ge", "poc", ["ge"]); // the name claim is "Nino.Beridze@gov.ge (OIDC)"

        var plan = await (await api.WithToken(token).Post("/api/action-plans", Given.Plan("GE"))).Expect(HttpStatusCode.Created);
        var history = await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan["id"]!.GetValue<string>()}/history")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain("@", history.ToJsonString());
        var created = history.AsArray()[0]!;
        var actor = created["actor"]!.GetValue<string>();
        Assert.Matches("^jwt:sha256:[0-9a-f]{24}$", actor);
        Assert.Equal("Ministry of Justice (poc)", created["actorName"]!.GetValue<string>());

        // The admin finds the writes by the address the provider gives, in any letter case, or by the pseudonym.
        foreach (var asked in new[] { "jwt:nino.beridze@gov.ge", actor })
        {
            var audit = await (await api.As(Caller.Admin).Get("/api/audit?actor=" + Uri.EscapeDataString(asked))).Expect(HttpStatusCode.OK);
            Assert.Equal(plan["id"]!.GetValue<string>(), Assert.Single(audit["items"]!.AsArray())!["streamId"]!.GetValue<string>());
        }
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
