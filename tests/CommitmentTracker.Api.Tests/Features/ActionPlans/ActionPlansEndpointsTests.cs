using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.ActionPlans;

public sealed class ActionPlansEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Drafted_plans_number_themselves_and_list_by_member()
    {
        await api.RegisteredMember("GE");
        var first = await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("GE", "2016-07-01", "2018-06-30"))).Expect(HttpStatusCode.Created);
        var second = await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("ge", "2018-07-01", "2020-06-30"));
        var body = await second.Expect(HttpStatusCode.Created);

        Assert.Equal("GE-AP1", first["id"]!.GetValue<string>());
        Assert.Equal("GE-AP2", body["id"]!.GetValue<string>());
        Assert.Equal("/api/action-plans/GE-AP2", second.Headers.Location?.ToString());
        Assert.Equal("Draft", body["status"]!.GetValue<string>());

        var read = await (await api.As(Caller.Anonymous).Get("/api/action-plans/GE-AP2")).Expect(HttpStatusCode.OK);
        Assert.Equal("2018-07-01", read["period"]!["start"]!.GetValue<string>());
        Assert.Equal("2020-06-30", read["period"]!["end"]!.GetValue<string>());

        var third = await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("GE", "2020-07-01", "2022-06-30"))).Expect(HttpStatusCode.Created);
        Assert.Equal("GE-AP3", third["id"]!.GetValue<string>());

        var list = await (await api.As(Caller.Anonymous).Get("/api/action-plans?member=GE&sort=sequence")).Expect(HttpStatusCode.OK);
        Assert.Equal(["GE-AP1", "GE-AP2", "GE-AP3"], list["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task End_before_start_is_400_on_period_end_and_writes_nothing()
    {
        await api.RegisteredMember("AM", lang: "hy");
        var before = await api.EventCount();
        var problem = await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("AM", "2024-01-01", "2023-01-01", lang: "hy", title: "Գործողությունների ծրագիր")))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["period.end"], problem.ErrorFields());
        Assert.Equal(before, await api.EventCount());
    }

    [Theory]
    [InlineData("2022-01-01", "2025-01-01", "period.end")] // 3 years: nationals run 2 or 4
    [InlineData("2022-01-01", "not-a-date", "period.end")]
    [InlineData(null, "2024-01-01", "period.start")]
    public async Task National_periods_are_checked(string? start, string end, string field)
    {
        await api.RegisteredMember("UA", lang: "uk");
        var body = HttpJson.Serialize(new { memberCode = "UA", title = new { uk = "План дій" }, period = new { start, end } });
        var problem = await (await api.As(Caller.Admin).PostText("/api/action-plans", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task Unknown_member_is_400_on_member_code()
    {
        var problem = await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("ZZ"))).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("memberCode", problem.ErrorFields());
    }

    [Fact]
    public async Task Title_must_include_the_default_language()
    {
        await api.RegisteredMember("AZ", lang: "az");
        var body = HttpJson.Serialize(new { memberCode = "AZ", title = new { en = "Plan" }, period = new { start = "2020-01-01", end = "2021-12-31" } });
        var problem = await (await api.As(Caller.Admin).PostText("/api/action-plans", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("title", problem.ErrorFields());
    }

    [Fact]
    public async Task Same_sequence_twice_is_409()
    {
        await api.RegisteredMember("MD", lang: "ro");
        await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("MD", sequence: 5, lang: "ro", title: "Planul de acțiune"))).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("MD", sequence: 5, lang: "ro", title: "Planul de acțiune"))).Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_the_members_poc_or_an_admin_may_draft()
    {
        await api.RegisteredMember("KG", lang: "ky");
        await api.RegisteredMember("BY", lang: "be");
        var kyrgyzPoc = await api.Key("poc", "KG");
        var cso = await api.Key("cso");
        var before = await api.EventCount();

        await (await api.As(Caller.Key(kyrgyzPoc)).Post("/api/action-plans", Given.Plan("BY", lang: "be", title: "План"))).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Key(cso)).Post("/api/action-plans", Given.Plan("KG", lang: "ky", title: "Иш-аракет планы"))).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Anonymous).Post("/api/action-plans", Given.Plan("KG", lang: "ky", title: "Иш-аракет планы"))).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await api.EventCount());

        await (await api.As(Caller.Key(kyrgyzPoc)).Post("/api/action-plans", Given.Plan("KG", lang: "ky", title: "Иш-аракет планы"))).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Unknown_plan_is_404_problem()
    {
        await (await api.As(Caller.Anonymous).Get("/api/action-plans/XX-AP9")).Expect(HttpStatusCode.NotFound);
    }
}
