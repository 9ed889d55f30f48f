using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Commitments;

public sealed class CommitmentLifecycleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private Task<Reply> Post(string url, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return api.As(Caller.Admin).Send(request);
    }

    [Fact]
    public async Task Ids_are_assigned_ogp_style_and_unique()
    {
        var plan = await api.OpenPlan("AM");
        var first = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);
        var chosen = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment("AM0066"))).Expect(HttpStatusCode.Created);
        var next = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);

        Assert.Equal("AM0001", first["id"]!.GetValue<string>());
        Assert.Equal("AM0066", chosen["id"]!.GetValue<string>());
        Assert.Equal("AM0067", next["id"]!.GetValue<string>());
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment("AM0066"))).Expect(HttpStatusCode.Conflict);
        var bad = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment("GE0001"))).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("id", bad.ErrorFields());
    }

    [Fact]
    public async Task Milestone_progress_rolls_up_and_moves_ocds_status()
    {
        var id = await api.MadeCommitment("UA");
        await (await Post($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        var two = await (await Post($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        var m1 = two["milestones"]![0]!["id"]!.GetValue<string>();
        var m2 = two["milestones"]![1]!["id"]!.GetValue<string>();

        await (await Post($"/api/commitments/{id}/milestones/{m1}/progress", new { percent = 100, note = "done", evidence = new[] { new { url = "https://example.org/report.pdf", title = "Report", type = "document" } } }))
            .Expect(HttpStatusCode.OK);
        var after = await (await Post($"/api/commitments/{id}/milestones/{m2}/progress", new { percent = 40 })).Expect(HttpStatusCode.OK);

        Assert.Equal("Met", after["milestones"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("Scheduled", after["milestones"]![1]!["status"]!.GetValue<string>());
        Assert.Equal(70m, after["progress"]!.GetValue<decimal>());
        Assert.Equal("https://example.org/report.pdf", after["milestones"]![0]!["evidence"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Weighted_progress_when_every_milestone_has_a_weight()
    {
        var id = await api.MadeCommitment("AZ");
        await (await Post($"/api/commitments/{id}/milestones", Given.Milestone(weight: 3))).Expect(HttpStatusCode.Created);
        var c = await (await Post($"/api/commitments/{id}/milestones", Given.Milestone(weight: 1))).Expect(HttpStatusCode.Created);
        var after = await (await Post($"/api/commitments/{id}/milestones/{c["milestones"]![0]!["id"]}/progress", new { percent = 100 })).Expect(HttpStatusCode.OK);
        Assert.Equal(75m, after["progress"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("""{"percent":-1}""", "percent")]
    [InlineData("""{"percent":101}""", "percent")]
    [InlineData("""{}""", "percent")]
    [InlineData("""{"percent":50,"status":"Met"}""", "status")]
    [InlineData("""{"percent":50,"status":"Finished"}""", "status")]
    [InlineData("""{"percent":50,"evidence":[{"url":"javascript:alert(1)"}]}""", "evidence[0].url")]
    public async Task Bad_progress_is_400_naming_the_field_and_appends_nothing(string body, string field)
    {
        var id = await api.MadeCommitment("MD");
        var added = await (await Post($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        var before = await api.EventCount();
        var problem = await (await api.As(Caller.Admin).PostText($"/api/commitments/{id}/milestones/{added["milestones"]![0]!["id"]}/progress", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task Reversed_milestone_dates_are_400()
    {
        var id = await api.MadeCommitment("KG");
        var problem = await (await Post($"/api/commitments/{id}/milestones", Given.Milestone("2024-06-01", "2024-01-01"))).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["due"], problem.ErrorFields());
    }

    [Fact]
    public async Task Stale_if_match_is_409_with_the_current_version()
    {
        var id = await api.MadeCommitment("BY");
        var read = await api.As(Caller.Anonymous).Get($"/api/commitments/{id}");
        var etag = read.Headers.ETag!.Tag;
        await (await Post($"/api/commitments/{id}/completion", new { completion = "Limited", reason = "Work started" }, etag)).Expect(HttpStatusCode.OK);

        var stale = await (await Post($"/api/commitments/{id}/completion", new { completion = "Substantial", reason = "More work" }, etag)).Expect(HttpStatusCode.Conflict);
        Assert.Equal(2, stale["currentVersion"]!.GetValue<long>());
        var current = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Json();
        Assert.Equal("Limited", current["completion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Withdrawn_commitment_refuses_every_write()
    {
        var id = await api.MadeCommitment("GE");
        await (await Post($"/api/commitments/{id}/withdraw", new { })).Expect(HttpStatusCode.BadRequest);
        await (await Post($"/api/commitments/{id}/withdraw", new { reason = "Merged into GE0002" })).Expect(HttpStatusCode.OK);
        var before = await api.EventCount();

        await (await Post($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Conflict);
        await (await Post($"/api/commitments/{id}/completion", new { completion = "Complete", reason = "x" })).Expect(HttpStatusCode.Conflict);
        await (await Post($"/api/commitments/{id}/withdraw", new { reason = "again" })).Expect(HttpStatusCode.Conflict);
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/commitments/{id}") { Content = JsonContent.Create(new { ogpValues = new[] { "TechnologyAndInnovation" } }) };
        await (await api.As(Caller.Admin).Send(patch)).Expect(HttpStatusCode.Conflict);
        Assert.Equal(before, await api.EventCount());
        Assert.Equal("Withdrawn", (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Json())["completion"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_shows_who_when_and_why_and_keeps_old_dates()
    {
        var id = await api.MadeCommitment("AM");
        var added = await (await Post($"/api/commitments/{id}/milestones", Given.Milestone("2024-01-01", "2024-06-30"))).Expect(HttpStatusCode.Created);
        var m = added["milestones"]![0]!["id"]!.GetValue<string>();
        await (await Post($"/api/commitments/{id}/milestones/{m}/reschedule", new { due = "2024-09-30" })).Expect(HttpStatusCode.BadRequest);
        await (await Post($"/api/commitments/{id}/milestones/{m}/reschedule", new { due = "2024-09-30", reason = "Procurement delayed" })).Expect(HttpStatusCode.OK);

        var history = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/history")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["commitment_made", "milestone_added", "milestone_rescheduled"], history.Select(h => h!["type"]!.GetValue<string>()).ToArray());
        var rescheduled = history[2]!;
        Assert.Equal("Procurement delayed", rescheduled["reason"]!.GetValue<string>());
        Assert.Equal("admin", rescheduled["role"]!.GetValue<string>());
        Assert.StartsWith("key:", rescheduled["actor"]!.GetValue<string>());
        Assert.Equal("2024-06-30", rescheduled["data"]!["previousDue"]!.GetValue<string>());
        Assert.Equal(3, rescheduled["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task As_of_returns_the_older_state_after_later_changes()
    {
        api.Clock.Now = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var id = await api.MadeCommitment("UA");
        await (await Post($"/api/commitments/{id}/completion", new { completion = "Limited", reason = "Started" })).Expect(HttpStatusCode.OK);
        api.Clock.Now = new DateTimeOffset(2024, 9, 15, 12, 0, 0, TimeSpan.Zero);
        await (await Post($"/api/commitments/{id}/completion", new { completion = "Complete", reason = "Done" })).Expect(HttpStatusCode.OK);

        var then = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf=2024-08-30")).Expect(HttpStatusCode.OK);
        var now = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal("Limited", then["completion"]!.GetValue<string>());
        Assert.Equal(2, then["version"]!.GetValue<int>());
        Assert.Equal("Complete", now["completion"]!.GetValue<string>());
        await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf=2020-01-01")).Expect(HttpStatusCode.NotFound);
        await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf=yesterday")).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Overdue_flips_when_the_clock_moves()
    {
        api.Clock.Now = new DateTimeOffset(2024, 6, 1, 9, 0, 0, TimeSpan.Zero);
        var id = await api.MadeCommitment("AZ");
        await (await Post($"/api/commitments/{id}/milestones", Given.Milestone("2024-01-01", "2024-06-30"))).Expect(HttpStatusCode.Created);
        var before = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Json();

        api.Clock.Now = new DateTimeOffset(2024, 7, 1, 9, 0, 0, TimeSpan.Zero);
        var after = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Json();

        Assert.False(before["milestones"]![0]!["overdue"]!.GetValue<bool>());
        Assert.True(after["milestones"]![0]!["overdue"]!.GetValue<bool>());
        Assert.Equal(1, after["overdueMilestones"]!.GetValue<int>());
    }

    [Fact]
    public async Task Plan_lifecycle_moves_in_order_and_gates_additions()
    {
        await api.RegisteredMember("BY");
        var plan = (await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("BY", "2024-01-01", "2025-12-31"))).Json())["id"]!.GetValue<string>();
        async Task<HttpStatusCode> Move(string status) => (await Post($"/api/action-plans/{plan}/status", new { status, reason = "step" })).StatusCode;

        Assert.Equal(HttpStatusCode.Conflict, await Move("Implementation"));
        Assert.Equal(HttpStatusCode.OK, await Move("CoCreation"));
        Assert.Equal(HttpStatusCode.OK, await Move("Submitted"));
        var refused = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Conflict);
        Assert.Contains("Submitted", refused["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, await Move("Implementation"));
        Assert.Equal(HttpStatusCode.Created, (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, await Move("Finished"));
        Assert.Equal(HttpStatusCode.OK, await Move("Withdrawn"));
        Assert.Equal(HttpStatusCode.Conflict, await Move("Ended"));
    }

    [Fact]
    public async Task Only_the_members_poc_writes_its_commitments()
    {
        var id = await api.MadeCommitment("GE");
        await api.RegisteredMember("AM");
        var armenianPoc = await api.Key("poc", "AM");
        var georgianPoc = await api.Key("poc", "GE");
        var before = await api.EventCount();
        await (await api.As(Caller.Key(armenianPoc)).Post($"/api/commitments/{id}/completion", new { completion = "Limited", reason = "x" })).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(before, await api.EventCount());
        await (await api.As(Caller.Key(georgianPoc)).Post($"/api/commitments/{id}/completion", new { completion = "Limited", reason = "x" })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revision_changes_only_named_fields()
    {
        var id = await api.MadeCommitment("MD");
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/commitments/{id}?lang=en")
        {
            Content = JsonContent.Create(new { policyAreas = new[] { "OpenContracting" }, title = new Dictionary<string, string> { ["ka"] = "ახალი სათაური", ["en"] = "New title" } }),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var revised = await (await api.As(Caller.Admin).Send(patch)).Expect(HttpStatusCode.OK);
        Assert.Equal("New title", revised["title"]!.GetValue<string>());
        Assert.Equal(["OpenContracting"], revised["policyAreas"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray());
        Assert.Equal(["CivicParticipation", "PublicAccountability"], revised["ogpValues"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray());
        Assert.Equal("Administration of the Government", revised["leadInstitution"]!["name"]!.GetValue<string>());
    }
}
