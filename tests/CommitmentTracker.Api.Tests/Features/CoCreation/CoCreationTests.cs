using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.CoCreation;

public sealed class CoCreationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static object Level(string level = "Involve", bool forum = true) => new { influenceLevel = level, forumExists = forum, reason = "Forum charter adopted" };

    private static object Meeting(string date = "2024-03-14", object? minutes = null) => new
    {
        date, participants = new { government = 6, civilSociety = 9, privateSector = 1, academia = 2 },
        minutes = minutes ?? new { url = "https://gov.ge/ogp/forum/2024-03-14" }, reason = "First forum meeting",
    };

    [Fact]
    public async Task The_pocs_co_creation_record_shows_on_the_plan_in_rest_graphql_and_history()
    {
        var plan = await api.OpenPlan("GE");
        var poc = api.As(Caller.Key(await api.Key("poc", "GE")));

        await (await poc.Put($"/api/action-plans/{plan}/co-creation/level", Level())).Expect(HttpStatusCode.OK);
        await (await poc.Post($"/api/action-plans/{plan}/co-creation/meetings", Meeting())).Expect(HttpStatusCode.OK);
        var after = await (await poc.Put($"/api/action-plans/{plan}/co-creation/reasoned-response",
            new { url = "https://gov.ge/ogp/ap5/reasoned-response", reason = "Published with the draft" })).Expect(HttpStatusCode.OK);

        var read = await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan}")).Expect(HttpStatusCode.OK);
        var co = read["coCreation"]!;
        Assert.Equal("Involve", co["influenceLevel"]!.GetValue<string>());
        Assert.True(co["forumExists"]!.GetValue<bool>());
        Assert.Equal("2024-03-14", co["meetings"]![0]!["date"]!.GetValue<string>());
        Assert.Equal(9, co["meetings"]![0]!["participants"]!["civilSociety"]!.GetValue<int>());
        Assert.Equal(0, co["meetings"]![0]!["participants"]!["other"]!.GetValue<int>());
        Assert.Equal("https://gov.ge/ogp/ap5/reasoned-response", co["reasonedResponse"]!["url"]!.GetValue<string>());
        Assert.Equal(4, after["version"]!.GetValue<int>());

        var data = await api.As(Caller.Anonymous).GraphQL("""
            { actionPlans(memberCode: "GE") { edges { node { id coCreation { influenceLevel forumExists
              meetings { id date participants { government civilSociety total } minutes { url documentId } } reasonedResponse { url } } } } } }
            """);
        var node = data["actionPlans"]!["edges"]!.AsArray().Select(e => e!["node"]!).Single(n => n["id"]!.GetValue<string>() == plan);
        Assert.Equal("Involve", node["coCreation"]!["influenceLevel"]!.GetValue<string>());
        Assert.Equal(18, node["coCreation"]!["meetings"]![0]!["participants"]!["total"]!.GetValue<int>());
        Assert.Equal($"{plan}-FM1", node["coCreation"]!["meetings"]![0]!["id"]!.GetValue<string>());

        var history = (await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan}/history")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["action_plan_drafted", "co_creation_level_recorded", "forum_meeting_recorded", "reasoned_response_published"],
            history.Select(h => h!["type"]!.GetValue<string>()).ToArray());
        Assert.Equal("First forum meeting", history[2]!["reason"]!.GetValue<string>());
        Assert.Equal("poc", history[1]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_record_is_frozen_once_the_plan_leaves_co_creation()
    {
        var plan = await api.OpenPlan("AM");
        await (await api.As(Caller.Admin).Put($"/api/action-plans/{plan}/co-creation/level", Level("Consult", false))).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/status", new { status = "CoCreation", reason = "Forum convened" })).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Admin).Put($"/api/action-plans/{plan}/co-creation/level", Level("Collaborate"))).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/status", new { status = "Submitted", reason = "Sent to OGP" })).Expect(HttpStatusCode.OK);

        var before = await api.EventCount();
        await (await api.As(Caller.Admin).Put($"/api/action-plans/{plan}/co-creation/level", Level("Empower"))).Expect(HttpStatusCode.Conflict);
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/co-creation/meetings", Meeting())).Expect(HttpStatusCode.Conflict);
        await (await api.As(Caller.Admin).Put($"/api/action-plans/{plan}/co-creation/reasoned-response",
            new { url = "https://gov.am/rr", reason = "Late" })).Expect(HttpStatusCode.Conflict);
        Assert.Equal(before, await api.EventCount());
        var read = await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan}")).Expect(HttpStatusCode.OK);
        Assert.Equal("Collaborate", read["coCreation"]!["influenceLevel"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_the_plans_poc_or_an_admin_may_write_it()
    {
        var plan = await api.OpenPlan("UA");
        await api.RegisteredMember("GE");
        var before = await api.EventCount();
        await (await api.As(Caller.Key(await api.Key("poc", "GE"))).Put($"/api/action-plans/{plan}/co-creation/level", Level())).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Key(await api.Key("cso"))).Post($"/api/action-plans/{plan}/co-creation/meetings", Meeting())).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Key(await api.Key("irm"))).Put($"/api/action-plans/{plan}/co-creation/level", Level())).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Anonymous).Put($"/api/action-plans/{plan}/co-creation/level", Level())).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await api.EventCount());
    }

    [Theory]
    [InlineData("""{"date":"2024-06-02","participants":{"government":1},"minutes":{"url":"https://x.org/m"},"reason":"r"}""", "date")] // tomorrow
    [InlineData("""{"date":"2024-03-01","participants":{"government":-1,"civilSociety":3},"minutes":{"url":"https://x.org/m"},"reason":"r"}""", "participants.government")]
    [InlineData("""{"date":"2024-03-01","participants":{},"minutes":{"url":"https://x.org/m"},"reason":"r"}""", "participants")]
    [InlineData("""{"date":"2024-03-01","participants":{"academia":2},"minutes":{"url":"javascript:alert(1)"},"reason":"r"}""", "minutes.url")]
    [InlineData("""{"date":"2024-03-01","participants":{"academia":2},"minutes":{"url":"https://x.org/m","documentId":"D1"},"reason":"r"}""", "minutes")]
    [InlineData("""{"date":"2024-03-01","participants":{"academia":2},"minutes":{"documentId":"GE-AP1-D99"},"reason":"r"}""", "minutes.documentId")]
    [InlineData("""{"date":"2024-03-01","participants":{"academia":2},"minutes":{"url":"https://x.org/m"}}""", "reason")]
    [InlineData("""{"date":"2024-03-01","participants":{"academia":2},"reason":"r"}""", "minutes")]
    public async Task A_bad_meeting_is_400_on_its_field_and_writes_nothing(string body, string field)
    {
        var plan = await api.OpenPlan("KG");
        var before = await api.EventCount();
        var problem = await (await api.As(Caller.Admin).PostText($"/api/action-plans/{plan}/co-creation/meetings", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
        Assert.Equal(before, await api.EventCount());
    }

    [Theory]
    [InlineData("""{"influenceLevel":"Bribe","forumExists":true,"reason":"r"}""", "influenceLevel")]
    [InlineData("""{"influenceLevel":"Inform","reason":"r"}""", "forumExists")]
    [InlineData("""{"influenceLevel":"Inform","forumExists":false}""", "reason")]
    public async Task A_bad_level_is_400_on_its_field(string body, string field)
    {
        var plan = await api.OpenPlan("MD");
        var problem = await (await api.As(Caller.Admin).Put($"/api/action-plans/{plan}/co-creation/level",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).Expect(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task The_same_level_twice_is_409_and_a_stale_if_match_is_409()
    {
        var plan = await api.OpenPlan("AZ");
        await (await api.As(Caller.Admin).Put($"/api/action-plans/{plan}/co-creation/level", Level("Inform", false))).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Admin).Put($"/api/action-plans/{plan}/co-creation/level", Level("Inform", false))).Expect(HttpStatusCode.Conflict);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/action-plans/{plan}/co-creation/level") { Content = JsonContent.Create(Level("Consult")) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        var problem = await (await api.As(Caller.Admin).Send(stale)).Expect(HttpStatusCode.Conflict);
        Assert.Equal(2, problem["currentVersion"]!.GetValue<int>());
    }
}
