using CommitmentTracker.Api.Tests.Features.Commitments;
using System.Net;
using CommitmentTracker.Api.Tests.Features.Dialogue;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.ActionPlans;

/// <summary>
/// effectiveOn on a member's and a plan's own writes and on the dialogue: asOf judges by it, the history keeps both dates,
/// and a day in the future, before the plan's start (the dialogue), before the stream's latest change, or before what a
/// response or reply answers, is a 400 naming effectiveOn that writes nothing.
/// </summary>
public sealed class RecordEffectiveDatesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset Recorded = new(2024, 9, 2, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_members_and_a_plans_past_are_entered_with_their_real_dates_and_asOf_judges_by_them()
    {
        api.Clock.Now = Recorded;
        var admin = api.As(Caller.Admin);
        await (await admin.Post("/api/members", With(Given.Member("LT", lang: "lt", name: "Lietuva"), "2011-09-20"))).Expect(HttpStatusCode.Created);
        await (await admin.Patch("/api/members/LT", new { name = new { lt = "Lietuvos Respublika" }, reason = "Official name", effectiveOn = "2012-01-10" }))
            .Expect(HttpStatusCode.OK);
        await (await admin.Post("/api/members/LT/status", new { status = "UnderReview", reason = "Late plan", effectiveOn = "2013-05-01" })).Expect(HttpStatusCode.OK);

        async Task<string> Member(string day)
        {
            var m = await (await api.As(Caller.Anonymous).Get($"/api/members/LT?asOf={day}")).Expect(HttpStatusCode.OK);
            return $"{m["name"]} {m["status"]} v{m["version"]}";
        }
        Assert.Equal("Lietuva Active v1", await Member("2011-12-31"));
        Assert.Equal("Lietuvos Respublika Active v2", await Member("2012-01-10"));
        Assert.Equal("Lietuvos Respublika UnderReview v3", await Member("2013-05-01"));
        await (await api.As(Caller.Anonymous).Get("/api/members/LT?asOf=2011-09-19")).Expect(HttpStatusCode.NotFound);

        // Drafting and co-creation come before the plan's period: its own writes are not bounded by its start.
        var drafted = await (await admin.Post("/api/action-plans", With(Given.Plan("LT", "2024-01-01", "2025-12-31", lang: "lt", title: "Penktasis planas"), "2023-09-01")))
            .Expect(HttpStatusCode.Created);
        var plan = drafted["id"]!.GetValue<string>();
        Assert.StartsWith("2023-09-01", drafted["createdAt"]!.GetValue<string>());
        foreach (var (status, day) in new[] { ("CoCreation", "2023-10-01"), ("Submitted", "2023-12-20"), ("Implementation", "2024-01-05") })
            await (await admin.Post($"/api/action-plans/{plan}/status", new { status, reason = "Next step", effectiveOn = day })).Expect(HttpStatusCode.OK);
        await (await admin.Patch($"/api/action-plans/{plan}", new { title = new { lt = "Penktasis veiksmų planas" }, reason = "Cabinet's title", effectiveOn = "2024-02-01" }))
            .Expect(HttpStatusCode.OK);

        async Task<string> Plan(string day)
        {
            var p = await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan}?asOf={day}")).Expect(HttpStatusCode.OK);
            return $"{p["status"]} {p["title"]}";
        }
        Assert.Equal("Draft Penktasis planas", await Plan("2023-09-30"));
        Assert.Equal("CoCreation Penktasis planas", await Plan("2023-11-01"));
        Assert.Equal("Implementation Penktasis planas", await Plan("2024-01-05"));
        Assert.Equal("Implementation Penktasis veiksmų planas", await Plan("2024-02-01"));
        await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan}?asOf=2023-08-31")).Expect(HttpStatusCode.NotFound);
        var bad = await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan}?asOf=2023-13-01")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["asOf"], bad.ErrorFields());

        await AssertDates($"/api/members/LT/history", ["2011-09-20", "2012-01-10", "2013-05-01"]);
        await AssertDates($"/api/action-plans/{plan}/history", ["2023-09-01", "2023-10-01", "2023-12-20", "2024-01-05", "2024-02-01"]);
    }

    [Fact]
    public async Task Responses_and_comments_entered_later_carry_their_real_dates()
    {
        api.Clock.Now = Recorded;
        var (id, cso, poc) = await Assessed("MD", "2024-03-05");
        var answered = await (await poc.Post(Responses(id), new { stance = "Disputed", text = new { en = "Two regions are live." }, effectiveOn = "2024-03-20" }))
            .Expect(HttpStatusCode.Created);
        Assert.StartsWith("2024-03-20", answered["responses"]![0]!["at"]!.GetValue<string>());
        var comment = await (await cso.Post($"/api/commitments/{id}/comments", new { text = "Where is the data?", effectiveOn = "2024-04-02" })).Expect(HttpStatusCode.Created);
        var commentId = comment["id"]!.GetValue<string>();
        await (await poc.Post($"/api/commitments/{id}/comments", new { text = "Published.", parentId = commentId, effectiveOn = "2024-04-03" })).Expect(HttpStatusCode.Created);

        async Task<string> AsOf(string day)
        {
            var c = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf={day}")).Expect(HttpStatusCode.OK);
            var comments = c["comments"]!.AsArray();
            return $"responses:{c["assessments"]!["cso"]![0]!["responses"]!.AsArray().Count} comments:{comments.Count} replies:{comments.Sum(t => t!["replies"]!.AsArray().Count)}";
        }
        Assert.Equal("responses:0 comments:0 replies:0", await AsOf("2024-03-19"));
        Assert.Equal("responses:1 comments:0 replies:0", await AsOf("2024-03-20"));
        Assert.Equal("responses:1 comments:1 replies:0", await AsOf("2024-04-02"));
        Assert.Equal("responses:1 comments:1 replies:1", await AsOf("2024-04-03"));
        Assert.Empty((await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/comments?asOf=2024-04-01")).Expect(HttpStatusCode.OK)).AsArray());
        await AssertDates($"/api/commitments/{id}/comments/{commentId}/history", ["2024-04-02"]);
    }

    [Fact]
    public async Task A_day_in_the_future_or_before_the_streams_latest_change_is_a_400_on_a_members_and_a_plans_writes()
    {
        api.Clock.Now = Recorded;
        var admin = api.As(Caller.Admin);
        await (await admin.Post("/api/members", With(Given.Member("EE", lang: "en"), "2012-04-18"))).Expect(HttpStatusCode.Created);
        var plan = (await (await admin.Post("/api/action-plans", With(Given.Plan("EE", "2024-01-01", "2025-12-31"), "2023-09-01"))).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await admin.Post($"/api/action-plans/{plan}/status", new { status = "CoCreation", reason = "Forum", effectiveOn = "2023-10-01" })).Expect(HttpStatusCode.OK);
        var before = await api.EventCount();

        const string future = "must not be in the future; today is 2024-09-02.";
        static string Latest(string day) => $"must not be before {day}, the latest change already recorded here: enter changes in the order they took effect.";
        await Refused(admin.Post("/api/members", With(Given.Member("LV", lang: "en"), "2024-09-03")), future);
        await Refused(admin.Patch("/api/members/EE", new { name = new { en = "Estonia" }, reason = "x", effectiveOn = "2012-04-17" }), Latest("2012-04-18"));
        await Refused(admin.Post("/api/members/EE/status", new { status = "Inactive", reason = "x", effectiveOn = "2024-09-03" }), future);
        await Refused(admin.Post("/api/action-plans", With(Given.Plan("EE", "2026-01-01", "2027-12-31"), "2024-09-03")), future);
        await Refused(admin.Post($"/api/action-plans/{plan}/status", new { status = "Submitted", reason = "x", effectiveOn = "2023-09-30" }), Latest("2023-10-01"));
        await Refused(admin.Patch($"/api/action-plans/{plan}", new { title = new { ka = "გეგმა" }, reason = "x", effectiveOn = "2023-09-02" }), Latest("2023-10-01"));
        var format = await (await admin.Post($"/api/action-plans/{plan}/status", new { status = "Submitted", reason = "x", effectiveOn = "01.10.2023" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["effectiveOn"], format.ErrorFields());
        Assert.Contains("yyyy-MM-dd", format["errors"]!["effectiveOn"]![0]!.GetValue<string>());
        Assert.Equal(before, await api.EventCount());

        // The same day as the latest change is taken, and stays after it in the stream.
        await (await admin.Post($"/api/action-plans/{plan}/status", new { status = "Submitted", reason = "Sent", effectiveOn = "2023-10-01" })).Expect(HttpStatusCode.OK);
        Assert.Equal("Submitted", (await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{plan}?asOf=2023-10-01")).Expect(HttpStatusCode.OK))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dialogue_write_before_the_plan_before_what_it_answers_or_in_the_future_is_a_400_that_writes_nothing()
    {
        api.Clock.Now = Recorded;
        var (id, cso, poc) = await Assessed("MD", "2024-03-05");
        await (await poc.Post(Responses(id), new { stance = "Accepted", text = new { en = "Agreed." }, effectiveOn = "2024-03-20" })).Expect(HttpStatusCode.Created);
        var comment = (await (await cso.Post($"/api/commitments/{id}/comments", new { text = "Where?", effectiveOn = "2024-04-02" })).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var before = await api.EventCount();

        const string future = "must not be in the future; today is 2024-09-02.";
        const string plan = "must not be before the action plan's start, 2024-01-01.";
        object Answer(string day) => new { stance = "Disputed", text = new { en = "No." }, effectiveOn = day };
        await Refused(poc.Post(Responses(id), Answer("2024-09-03")), future);
        await Refused(poc.Post(Responses(id), Answer("2023-12-31")), plan);
        await Refused(poc.Post(Responses(id), Answer("2024-03-19")),
            "must not be before 2024-03-20, the latest change already recorded here: enter changes in the order they took effect.");
        await Refused(cso.Post($"/api/commitments/{id}/comments", new { text = "x", effectiveOn = "2024-09-03" }), future);
        await Refused(cso.Post($"/api/commitments/{id}/comments", new { text = "x", effectiveOn = "2023-12-31" }), plan);
        await Refused(poc.Post($"/api/commitments/{id}/comments", new { text = "x", parentId = comment, effectiveOn = "2024-04-01" }),
            "must not be before 2024-04-02, when the comment it replies to was posted.");
        Assert.Equal(before, await api.EventCount());

        // A first response may not come before the CSO filed the assessment it answers.
        var (other, _, otherPoc) = await Assessed("AM", "2024-05-10");
        var before2 = await api.EventCount();
        await Refused(otherPoc.Post(Responses(other), Answer("2024-05-09")), "must not be before 2024-05-10, when the assessment it answers was filed.");
        Assert.Equal(before2, await api.EventCount());
    }

    /// <summary>A commitment of a fresh plan (2024–2025) with a CSO assessment filed on <paramref name="filed"/>; the CSO's and the member PoC's callers.</summary>
    private async Task<(string Id, Scenarios Cso, Scenarios Poc)> Assessed(string member, string filed)
    {
        var plan = await api.OpenPlan(member);
        var id = (await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", With(Given.Commitment(), "2024-01-15"))).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var cso = api.As(Caller.Key(await api.KeyOf("cso", "Monitor", "Watch")));
        await (await cso.Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "One region", effectiveOn = filed })).Expect(HttpStatusCode.Created);
        return (id, cso, api.As(Caller.Key(await api.KeyOf("poc", "PoC", "Government", member))));
    }

    private static string Responses(string id) => $"/api/commitments/{id}/assessments/cso/Watch/responses";

    private static async Task Refused(Task<Reply> sent, string message)
    {
        var problem = await (await sent).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["effectiveOn"], problem.ErrorFields());
        Assert.Equal([message], problem["errors"]!["effectiveOn"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    /// <summary>Each entry's effective day, in order; each was recorded (by the database's clock, today) months later.</summary>
    private async Task AssertDates(string url, string[] days)
    {
        var history = (await (await api.As(Caller.Anonymous).Get(url)).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(days, history.Select(h => h!["at"]!.GetValue<string>()[..10]));
        Assert.All(history, h => Assert.True(DateTimeOffset.Parse(h!["recordedAt"]!.GetValue<string>()) > DateTimeOffset.Parse(h["at"]!.GetValue<string>()).AddMonths(4)));
    }

    private static Dictionary<string, object?> With(object body, string effectiveOn) => EffectiveDatesTests.Merge(body, effectiveOn);
}
