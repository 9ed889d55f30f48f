using CommitmentTracker.Api.Tests.Features.Documents;
using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.ActionPlans;

/// <summary>
/// Issue 20: every write to a plan's or a member's stream honours If-Match: a stale version is a 409 with currentVersion
/// and expectedVersion that writes nothing, and the current version lands.
/// </summary>
public sealed class PlanAndMemberIfMatchTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_stale_If_Match_on_each_plan_and_member_write_is_409_with_both_versions_and_writes_nothing()
    {
        var plan = await api.OpenPlan("GE");
        var p = $"/api/action-plans/{plan}";
        var document = "";
        var writes = new (string Stream, string Name, Func<Scenarios, Task<Reply>> Send)[]
        {
            (p, "co-creation level", c => c.Put($"{p}/co-creation/level", new { influenceLevel = "Involve", forumExists = true, reason = "Forum set up" })),
            (p, "forum meeting", c => c.Post($"{p}/co-creation/meetings", new { date = "2024-03-01", participants = new { government = 2, civilSociety = 3 }, minutes = new { url = "https://gov.ge/m" }, reason = "Met" })),
            (p, "reasoned response", c => c.Put($"{p}/co-creation/reasoned-response", new { url = "https://gov.ge/rr", reason = "Published" })),
            (p, "document upload", c => c.Post($"{p}/documents", Uploads.Form(Uploads.Pdf, "minutes.pdf"))),
            (p, "document withdrawal", c => c.Post($"{p}/documents/{document}/withdraw", new { reason = "Wrong file" })),
            (p, "revision", c => c.Patch(p, new { title = new { ka = "ახალი გეგმა" }, reason = "Shorter" })),
            (p, "move", c => c.Post($"{p}/status", new { status = "CoCreation", reason = "Forum convened" })),
            ("/api/members/GE", "rename", c => c.Patch("/api/members/GE", new { name = new { ka = "საქართველო" }, reason = "Official" })),
            ("/api/members/GE", "status", c => c.Post("/api/members/GE/status", new { status = "UnderReview", reason = "Review" })),
        };
        foreach (var (stream, name, send) in writes)
        {
            var version = (await (await api.As(Caller.Admin).Get(stream)).Expect(HttpStatusCode.OK))["version"]!.GetValue<int>();
            var events = await api.EventCount();
            var stale = await (await send(api.As(Caller.Admin).With("If-Match", $"\"{version - 1}\""))).Expect(HttpStatusCode.Conflict);
            Assert.True(version == stale["currentVersion"]?.GetValue<int>(), $"{name}: {stale.ToJsonString()}");
            Assert.Equal(version - 1, stale["expectedVersion"]!.GetValue<int>());
            Assert.Equal(events, await api.EventCount());

            var done = await send(api.As(Caller.Admin).With("If-Match", $"\"{version}\""));
            Assert.True(done.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{name}: {done.StatusCode}");
            var body = await done.Json();
            if (name == "document upload") document = body["id"]!.GetValue<string>();
            Assert.Equal(events + 1, await api.EventCount());
            Assert.Equal($"\"{version + 1}\"", done.Headers.ETag!.Tag.Split('.')[0].TrimEnd('"') + "\"");
        }
    }
}
