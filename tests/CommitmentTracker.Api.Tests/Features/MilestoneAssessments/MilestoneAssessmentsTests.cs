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
}
