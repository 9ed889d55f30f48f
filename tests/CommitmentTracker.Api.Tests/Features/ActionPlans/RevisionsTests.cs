using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.ActionPlans;

/// <summary>Members are renamed and their standing set; plans are retitled and rescheduled, each with a reason.</summary>
public sealed class RevisionsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_admin_renames_a_member_and_sets_its_status_with_reasons()
    {
        await api.RegisteredMember("GE");
        var renamed = await (await api.As(Caller.Admin).Patch("/api/members/GE",
            new { name = new { ka = "საქართველო", en = "Georgia" }, reason = "Official short name" })).Expect(HttpStatusCode.OK);
        Assert.Equal("Georgia", renamed["nameTranslations"]!["en"]!.GetValue<string>());
        var review = await (await api.As(Caller.Admin).Post("/api/members/GE/status", new { status = "UnderReview", reason = "Acted contrary to OGP process twice" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("UnderReview", review["status"]!.GetValue<string>());
        Assert.Equal(3, review["version"]!.GetValue<int>());

        var data = await api.As(Caller.Anonymous).GraphQL("""{ member(code: "GE") { status name(lang: "en") } }""");
        Assert.Equal("UnderReview", data["member"]!["status"]!.GetValue<string>());
        Assert.Equal("Georgia", data["member"]!["name"]!.GetValue<string>());

        var history = (await (await api.As(Caller.Anonymous).Get("/api/members/GE/history")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["member_registered", "member_renamed", "member_status_changed"], history.Select(h => h!["type"]!.GetValue<string>()).ToArray());
        Assert.Equal("Official short name", history[1]!["reason"]!.GetValue<string>());

        await (await api.As(Caller.Admin).Post("/api/members/GE/status", new { status = "UnderReview", reason = "again" })).Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Member_revisions_are_admin_only_and_checked()
    {
        await api.RegisteredMember("AM", lang: "hy");
        var poc = api.As(Caller.Key(await api.Key("poc", "AM")));
        var before = await api.EventCount();
        await (await poc.Post("/api/members/AM/status", new { status = "Inactive", reason = "x" })).Expect(HttpStatusCode.Forbidden);
        await (await poc.Patch("/api/members/AM", new { name = new { hy = "Հայաստան" }, reason = "x" })).Expect(HttpStatusCode.Forbidden);
        var problem = await (await api.As(Caller.Admin).Patch("/api/members/AM", new { name = new { en = "Armenia" }, reason = "x" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["name"], problem.ErrorFields()); // must keep the default language, hy
        problem = await (await api.As(Caller.Admin).Post("/api/members/AM/status", new { status = "Inactive" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["reason"], problem.ErrorFields());
        problem = await (await api.As(Caller.Admin).PostText("/api/members/AM/status", """{"status":"Suspended","reason":"x"}""")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["status"], problem.ErrorFields());
        await (await api.As(Caller.Admin).Post("/api/members/ZZ/status", new { status = "Inactive", reason = "x" })).Expect(HttpStatusCode.NotFound);
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task A_plans_title_and_period_change_in_draft_and_then_only_its_title()
    {
        var plan = await api.OpenPlan("UA");
        var revised = await (await api.As(Caller.Admin).Patch($"/api/action-plans/{plan}", new
        {
            title = new { ka = "მეხუთე სამოქმედო გეგმა", en = "Fifth action plan" }, period = new { start = "2024-03-01", end = "2026-02-28" },
            reason = "Cabinet moved the start",
        })).Expect(HttpStatusCode.OK);
        Assert.Equal("2024-03-01", revised["period"]!["start"]!.GetValue<string>());
        Assert.Equal("Fifth action plan", revised["titleTranslations"]!["en"]!.GetValue<string>());
        var history = (await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan}/history")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["action_plan_drafted", "action_plan_retitled", "action_plan_period_changed"], history.Select(h => h!["type"]!.GetValue<string>()).ToArray());
        Assert.Equal("2024-01-01", history[2]!["data"]!["from"]!["start"]!.GetValue<string>());

        foreach (var (to, why) in new[] { ("CoCreation", "Forum"), ("Submitted", "Sent"), ("Implementation", "Started") })
            await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/status", new { status = to, reason = why })).Expect(HttpStatusCode.OK);
        var before = await api.EventCount();
        var problem = await (await api.As(Caller.Admin).Patch($"/api/action-plans/{plan}",
            new { period = new { start = "2024-03-01", end = "2028-02-28" }, reason = "Extend" })).Expect(HttpStatusCode.Conflict);
        Assert.Equal(["period"], problem.ErrorFields());
        Assert.Equal(before, await api.EventCount());
        await (await api.As(Caller.Admin).Patch($"/api/action-plans/{plan}",
            new { title = new { ka = "მეხუთე გეგმა" }, reason = "Shorter" })).Expect(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"reason":"x"}""", "body")]
    [InlineData("""{"title":{"ka":"გეგმა"}}""", "reason")]
    [InlineData("""{"period":{"start":"2024-01-01","end":"2025-01-01"},"reason":"x"}""", "period.end")] // a national plan runs 2 or 4 years
    [InlineData("""{"title":{"en":"Plan"},"reason":"x"}""", "title")] // the default language ka is missing
    public async Task A_bad_revision_is_400_on_its_field(string body, string field)
    {
        var plan = await api.OpenPlan("KG");
        var problem = await (await api.As(Caller.Admin).Patch($"/api/action-plans/{plan}",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).Expect(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task Another_members_poc_may_not_revise_a_plan()
    {
        var plan = await api.OpenPlan("MD");
        await api.RegisteredMember("GE");
        await (await api.As(Caller.Key(await api.Key("poc", "GE"))).Patch($"/api/action-plans/{plan}",
            new { title = new { ka = "x" }, reason = "x" })).Expect(HttpStatusCode.Forbidden);
    }
}
