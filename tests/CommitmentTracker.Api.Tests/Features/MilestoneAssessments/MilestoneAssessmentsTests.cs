using CommitmentTracker.Api.Tests.Features.Commitments;
using CommitmentTracker.Api.Tests.Features.Dialogue;
using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.MilestoneAssessments;

/// <summary>A CSO's view of one milestone, beside the PoC's progress report, with its own history and asOf.</summary>
public sealed class MilestoneAssessmentsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_CSO_assesses_a_milestone_beside_the_progress_report_with_history_and_asOf()
    {
        var (id, milestone) = await api.CommitmentWithMilestone("GE");
        var cso = await api.KeyOf("cso", "Monitor", "Civil Society Institute");
        var url = $"/api/commitments/{id}/milestones/{milestone}/assessments/cso";
        var before = await api.EventCount();
        await (await api.As(Caller.Key(await api.Key("poc", "GE"))).Post(url, new { status = "NotMet", comment = "x" })).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Key(await api.Key("irm"))).Post(url, new { status = "NotMet", comment = "x" })).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(["comment", "status"], (await (await api.As(Caller.Key(cso)).Post(url, new { })).Expect(HttpStatusCode.BadRequest)).ErrorFields().Order());
        Assert.Equal(["status"], (await (await api.As(Caller.Key(cso)).PostText(url, """{"status":"Done","comment":"x"}""")).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/milestones/{id}-M9/assessments/cso", new { status = "NotMet", comment = "x" })).Expect(HttpStatusCode.NotFound);
        Assert.Equal(before, await api.EventCount());

        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones/{milestone}/progress", new { percent = 100, note = "Report published" })).Expect(HttpStatusCode.OK);
        var day1 = DateOnly.FromDateTime(api.Clock.Now.UtcDateTime);
        await (await api.As(Caller.Key(cso)).Post(url, new { status = "PartiallyMet", comment = "Only one region", evidence = new[] { new { url = "https://csi.ge/m1" } } }))
            .Expect(HttpStatusCode.Created);
        api.Clock.Advance(TimeSpan.FromDays(2));
        var second = await (await api.As(Caller.Key(cso)).Post(url, new { status = "Met", comment = "All regions now" })).Expect(HttpStatusCode.Created);
        Assert.Equal(["PartiallyMet", "Met"], second["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()));
        Assert.Equal(before + 3, await api.EventCount());

        var now = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Expect(HttpStatusCode.OK))["milestones"]![0]!;
        Assert.Equal("Met", now["status"]!.GetValue<string>()); // the PoC's report
        var view = Assert.Single(now["csoAssessments"]!.AsArray())!;
        Assert.Equal(("Civil Society Institute", "Met", 2), (view["organisation"]!.GetValue<string>(), view["status"]!.GetValue<string>(), view["assessments"]!.GetValue<int>()));
        var then = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf={day1:yyyy-MM-dd}")).Expect(HttpStatusCode.OK))["milestones"]![0]!;
        Assert.Equal("PartiallyMet", Assert.Single(then["csoAssessments"]!.AsArray())!["status"]!.GetValue<string>());

        var streams = (await (await api.As(Caller.Anonymous).Get(url)).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(2, Assert.Single(streams)!["history"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_view_entered_later_takes_its_effective_date_within_the_plan_and_after_the_streams_latest()
    {
        api.Clock.Now = new DateTimeOffset(2024, 9, 2, 10, 0, 0, TimeSpan.Zero);
        var plan = await api.OpenPlan("MD"); // runs 2024-01-01 .. 2025-12-31
        var id = (await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", EffectiveDatesTests.Merge(Given.Commitment(), "2024-01-15")))
            .Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var milestone = (await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", EffectiveDatesTests.Merge(Given.Milestone(), "2024-01-20"))).Expect(HttpStatusCode.Created))
            ["milestones"]![0]!["id"]!.GetValue<string>();
        var cso = api.As(Caller.Key(await api.KeyOf("cso", "Monitor", "Moldova Watch")));
        var url = $"/api/commitments/{id}/milestones/{milestone}/assessments/cso";
        var before = await api.EventCount();
        foreach (var (day, message) in new[] { ("2024-09-03", "must not be in the future; today is 2024-09-02."), ("2023-12-31", "must not be before the action plan's start, 2024-01-01.") })
        {
            var problem = await (await cso.Post(url, new { status = "NotMet", comment = "x", effectiveOn = day })).Expect(HttpStatusCode.BadRequest);
            Assert.Equal([message], problem["errors"]!["effectiveOn"]!.AsArray().Select(m => m!.GetValue<string>()));
        }
        Assert.Equal(before, await api.EventCount());

        var filed = await (await cso.Post(url, new { status = "PartiallyMet", comment = "Одна область", effectiveOn = "2024-03-05" })).Expect(HttpStatusCode.Created);
        Assert.StartsWith("2024-03-05", filed["latest"]!["at"]!.GetValue<string>());
        var earlier = await (await cso.Post(url, new { status = "Met", comment = "x", effectiveOn = "2024-03-04" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["effectiveOn"], earlier.ErrorFields());

        async Task<int> ViewsAsOf(string day) =>
            (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf={day}")).Expect(HttpStatusCode.OK))["milestones"]![0]!["csoAssessments"]!.AsArray().Count;
        Assert.Equal(0, await ViewsAsOf("2024-03-04"));
        Assert.Equal(1, await ViewsAsOf("2024-03-05"));
    }
}
