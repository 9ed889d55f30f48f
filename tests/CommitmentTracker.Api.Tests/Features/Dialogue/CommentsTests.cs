using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Dialogue;

/// <summary>Comments on a commitment and its milestones: who may post, replies, the edit window, moderation, limits.</summary>
public sealed class CommentsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Every_signed_in_role_comments_with_its_role_and_organisation_and_the_PoC_is_marked_official()
    {
        var (id, _) = await api.CommitmentWithMilestone("GE");
        await api.RegisteredMember("AM");
        var authors = new (string Role, string Organisation, string[] Members, bool Official)[]
        {
            ("poc", "Administration of the Government", ["GE"], true), ("poc", "Government of Armenia", ["AM"], false),
            ("cso", "Civil Society Institute", [], false), ("irm", "IRM", [], false), ("admin", "OGP Support Unit", [], false),
        };
        foreach (var (role, organisation, members, _) in authors)
        {
            var key = await api.KeyOf(role, $"{role} of {organisation}", organisation, members);
            var before = await api.EventCount();
            var posted = await (await api.As(Caller.Key(key)).Post($"/api/commitments/{id}/comments", new { text = $"{role} says hello" })).Expect(HttpStatusCode.Created);
            Assert.Equal(before + 1, await api.EventCount());
            Assert.Equal(role, posted["authorRole"]!.GetValue<string>());
        }
        var anonymousBefore = await api.EventCount();
        await (await api.As(Caller.Anonymous).Post($"/api/commitments/{id}/comments", new { text = "drive-by" })).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(anonymousBefore, await api.EventCount());

        var threads = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/comments")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(authors.Select(a => $"{a.Role} says hello"), threads.Select(t => t!["text"]!.GetValue<string>()));
        Assert.Equal(authors.Select(a => a.Organisation), threads.Select(t => t!["authorOrganisation"]!.GetValue<string>()));
        Assert.Equal(authors.Select(a => a.Official), threads.Select(t => t!["official"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Replies_are_one_level_deep_and_a_milestone_has_its_own_thread()
    {
        var (id, milestone) = await api.CommitmentWithMilestone("GE");
        var cso = await api.KeyOf("cso", "Monitor", "Civil Society Institute");
        var poc = await api.KeyOf("poc", "Georgia PoC", "Administration of the Government", "GE");
        var top = await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/comments", new { text = "Where is the data?", milestoneId = milestone.ToLowerInvariant() }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(milestone, top["milestoneId"]!.GetValue<string>());
        var topId = top["id"]!.GetValue<string>();
        var reply = await (await api.As(Caller.Key(poc)).Post($"/api/commitments/{id}/comments", new { text = "Published on 1 July.", parentId = topId }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(milestone, reply["milestoneId"]!.GetValue<string>()); // a reply is on its parent's milestone
        Assert.True(reply["official"]!.GetValue<bool>());

        var before = await api.EventCount();
        var deeper = await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/comments", new { text = "Thanks", parentId = reply["id"]!.GetValue<string>() }))
            .Expect(HttpStatusCode.Conflict);
        Assert.Equal(["parentId"], deeper.ErrorFields());
        var unknown = await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/comments", new { text = "?", parentId = "0123456789abcdef0123456789abcdef" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["parentId"], unknown.ErrorFields());
        var noMilestone = await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/comments", new { text = "?", milestoneId = id + "-M9" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["milestoneId"], noMilestone.ErrorFields());
        await (await api.As(Caller.Key(cso)).Post("/api/commitments/GE9999/comments", new { text = "?" })).Expect(HttpStatusCode.NotFound);
        Assert.Equal(before, await api.EventCount());

        var threads = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/comments")).Expect(HttpStatusCode.OK)).AsArray();
        var thread = Assert.Single(threads)!;
        Assert.Equal("Published on 1 July.", Assert.Single(thread["replies"]!.AsArray())!["text"]!.GetValue<string>());
        var one = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/comments/{topId}")).Expect(HttpStatusCode.OK);
        Assert.Single(one["replies"]!.AsArray());
    }

    [Fact]
    public async Task The_author_edits_for_15_minutes_and_the_earlier_text_stays_in_the_history()
    {
        var id = await api.MadeCommitment("GE");
        var cso = await api.KeyOf("cso", "Monitor", "Civil Society Institute");
        var other = await api.KeyOf("cso", "Another", "Transparency International Georgia");
        var posted = await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/comments", new { text = "Two regions" })).Expect(HttpStatusCode.Created);
        var url = $"/api/commitments/{id}/comments/{posted["id"]!.GetValue<string>()}";

        api.Clock.Advance(TimeSpan.FromMinutes(14));
        var before = await api.EventCount();
        await (await api.As(Caller.Key(other)).Patch(url, new { text = "Hijacked" })).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Admin).Patch(url, new { text = "Moderated" })).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(["text"], (await (await api.As(Caller.Key(cso)).Patch(url, new { text = "Two regions" })).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await api.EventCount());
        var edited = await (await api.As(Caller.Key(cso)).Patch(url, new { text = "Three regions" })).Expect(HttpStatusCode.OK);
        Assert.Equal("Three regions", edited["text"]!.GetValue<string>());
        Assert.Equal(1, edited["edits"]!.GetValue<int>());
        Assert.Equal(api.Clock.Now, edited["editedAt"]!.GetValue<DateTimeOffset>());

        api.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1)); // 15 min 1 s after posting
        var late = await (await api.As(Caller.Key(cso)).Patch(url, new { text = "Four regions" })).Expect(HttpStatusCode.Conflict);
        Assert.Contains("edit window", late["detail"]!.GetValue<string>());

        var history = (await (await api.As(Caller.Anonymous).Get(url + "/history")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["comment_posted", "comment_edited"], history.Select(h => h!["type"]!.GetValue<string>()));
        Assert.Equal("Two regions", history[1]!["data"]!["previousText"]!.GetValue<string>());
        Assert.Equal("cso", history[1]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_admin_hides_with_a_reason_readers_see_and_restores()
    {
        var id = await api.MadeCommitment("GE");
        var cso = await api.KeyOf("cso", "Monitor", "Civil Society Institute");
        var posted = await (await api.As(Caller.Key(cso)).Post($"/api/commitments/{id}/comments", new { text = "Personal attack" })).Expect(HttpStatusCode.Created);
        var url = $"/api/commitments/{id}/comments/{posted["id"]!.GetValue<string>()}";
        var before = await api.EventCount();
        await (await api.As(Caller.Key(cso)).Post(url + "/hide", new { reason = "spam" })).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(["reason"], (await (await api.As(Caller.Admin).Post(url + "/hide", new { })).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        await (await api.As(Caller.Admin).Post(url + "/restore", new { reason = "not hidden" })).Expect(HttpStatusCode.Conflict);
        Assert.Equal(before, await api.EventCount());

        api.Clock.Advance(TimeSpan.FromDays(1));
        await (await api.As(Caller.Admin).Post(url + "/hide", new { reason = "Breaks the code of conduct" })).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Admin).Post(url + "/hide", new { reason = "again" })).Expect(HttpStatusCode.Conflict);
        await (await api.As(Caller.Key(cso)).Patch(url, new { text = "Sorry" })).Expect(HttpStatusCode.Conflict);
        var seen = Assert.Single((await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/comments")).Expect(HttpStatusCode.OK)).AsArray())!;
        Assert.Null(seen["text"]);
        Assert.True(seen["hidden"]!.GetValue<bool>());
        Assert.Equal("hidden by a moderator: Breaks the code of conduct", seen["notice"]!.GetValue<string>());
        Assert.Equal("Monitor", seen["authorName"]!.GetValue<string>());
        // As of the day it was posted, it was visible.
        var yesterday = DateOnly.FromDateTime(api.Clock.Now.UtcDateTime).AddDays(-1).ToString("yyyy-MM-dd");
        var then = Assert.Single((await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/comments?asOf={yesterday}")).Expect(HttpStatusCode.OK)).AsArray())!;
        Assert.Equal("Personal attack", then["text"]!.GetValue<string>());

        var restored = await (await api.As(Caller.Admin).Post(url + "/restore", new { reason = "Appeal upheld" })).Expect(HttpStatusCode.OK);
        Assert.Equal("Personal attack", restored["text"]!.GetValue<string>());
        Assert.False(restored["hidden"]!.GetValue<bool>());
        var history = (await (await api.As(Caller.Anonymous).Get(url + "/history")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["comment_posted", "comment_hidden", "comment_restored"], history.Select(h => h!["type"]!.GetValue<string>()));
        Assert.Equal("Breaks the code of conduct", history[1]!["reason"]!.GetValue<string>());
        Assert.Equal("Personal attack", history[0]!["data"]!["text"]!.GetValue<string>());

        // The audit names who moderated: the admin key, its role and organisation.
        var audit = (await (await api.As(Caller.Admin).Get("/api/audit?limit=1000")).Expect(HttpStatusCode.OK))["items"]!.AsArray();
        var hidden = audit.Single(e => e!["type"]!.GetValue<string>() == "comment_hidden" && e["streamId"]!.GetValue<string>().EndsWith(posted["id"]!.GetValue<string>()))!;
        Assert.Equal(("admin", "OGP Support Unit"), (hidden["role"]!.GetValue<string>(), hidden["organisation"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Length_is_limited_and_an_empty_text_is_refused_naming_the_field()
    {
        var id = await api.MadeCommitment("GE");
        var before = await api.EventCount();
        foreach (var text in new[] { new string('a', 4001), "   ", null })
            Assert.Equal(["text"], (await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/comments", new { text })).Expect(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await api.EventCount());
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/comments", new { text = new string('ა', 4000) })).Expect(HttpStatusCode.Created);
    }

    public static readonly TheoryData<string> Payloads = new()
    {
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "javascript:alert(1)",
        "</textarea><script>alert(document.cookie)</script>", "<a href=\"javascript:alert(1)\">click</a>", "{{constructor.constructor('alert(1)')()}}",
        "&lt;b&gt;already escaped&lt;/b&gt; & <b>bold</b>", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Markup_is_stored_and_returned_as_the_text_it_is(string payload)
    {
        var id = await api.MadeCommitment("GE");
        var posted = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/comments", new { text = payload })).Expect(HttpStatusCode.Created);
        var response = await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/comments/{posted["id"]!.GetValue<string>()}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(payload, (await response.Expect(HttpStatusCode.OK))["text"]!.GetValue<string>());
        var history = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/comments/{posted["id"]!.GetValue<string>()}/history")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(payload, history[0]!["data"]!["text"]!.GetValue<string>());
    }
}

public sealed class CommentRateLimitTests(CommentLimitedApi api) : IClassFixture<CommentLimitedApi>
{
    [Fact]
    public async Task A_key_over_its_comment_budget_gets_429_while_another_key_and_other_writes_go_on()
    {
        var id = await api.MadeCommitment("GE");
        var cso = api.As(Caller.Key(await api.KeyOf("cso", "Flooder", "Civil Society Institute")));
        for (var i = 0; i < 3; i++) await (await cso.Post($"/api/commitments/{id}/comments", new { text = $"comment {i}" })).Expect(HttpStatusCode.Created);
        var before = await api.EventCount();
        var refused = await cso.Post($"/api/commitments/{id}/comments", new { text = "one too many" });
        var problem = await refused.Expect(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        Assert.Equal(before, await api.EventCount());
        await (await cso.Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "Still filing" })).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/comments", new { text = "another key" })).Expect(HttpStatusCode.Created);
    }
}
