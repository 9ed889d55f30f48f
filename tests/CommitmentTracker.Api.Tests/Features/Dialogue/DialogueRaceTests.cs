using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Dialogue;

/// <summary>Racing writers in the dialogue: nothing is lost, and every 2xx is exactly one stored event.</summary>
public sealed class DialogueRaceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_PoC_answering_while_the_CSO_revises_never_contends_and_loses_nothing()
    {
        var id = await api.MadeCommitment("GE");
        var cso = api.As(Caller.Key(await api.KeyOf("cso", "Monitor", "Civil Society Institute")));
        var poc = api.As(Caller.Key(await api.KeyOf("poc", "Georgia PoC", "Administration of the Government", "GE")));
        await (await cso.Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "revision 0" })).Expect(HttpStatusCode.Created);
        var before = await api.EventCount();

        const int Writers = 8;
        var revisions = Enumerable.Range(1, Writers).Select(i =>
            cso.Post($"/api/commitments/{id}/assessments/cso", new { completion = "Substantial", comment = $"revision {i}" }));
        // Half answer the version they read (1), half leave it to the server (the version current when the answer lands).
        var answers = Enumerable.Range(1, Writers).Select(i =>
            poc.Post($"/api/commitments/{id}/assessments/cso/Civil%20Society%20Institute/responses", new
            {
                stance = "Disputed", text = new Dictionary<string, string> { ["en"] = $"answer {i}" }, assessmentVersion = i % 2 == 0 ? 1 : (long?)null,
            }));
        var responses = await Task.WhenAll(revisions.Concat(answers));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(before + 2 * Writers, await api.EventCount());

        var view = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Expect(HttpStatusCode.OK))["assessments"]!["cso"]![0]!;
        Assert.Equal(Writers + 1, view["assessments"]!.GetValue<int>());
        var stored = view["responses"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, Writers).Select(i => $"answer {i}").Order(), stored.Select(r => r!["text"]!.GetValue<string>()).Order());
        foreach (var r in stored)
        {
            var n = int.Parse(r!["text"]!.GetValue<string>()["answer ".Length..]);
            var version = r["assessmentVersion"]!.GetValue<int>();
            if (n % 2 == 0) Assert.Equal(1, version);
            else Assert.InRange(version, 1, Writers + 1);
        }
    }

    [Fact]
    public async Task Ten_commenters_at_once_all_land_each_as_one_event()
    {
        var id = await api.MadeCommitment("GE");
        var keys = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? api.KeyOf("cso", $"Commenter {i}", $"Organisation {i}") : api.KeyOf("poc", $"Commenter {i}", $"Organisation {i}", "GE")));
        var top = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/comments", new { text = "Open thread" })).Expect(HttpStatusCode.Created);
        var before = await api.EventCount();

        var posts = keys.Select((k, i) => api.As(Caller.Key(k)).Post($"/api/commitments/{id}/comments", new { text = $"comment {i}" }));
        var replies = keys.Select((k, i) => api.As(Caller.Key(k)).Post($"/api/commitments/{id}/comments", new { text = $"reply {i}", parentId = top["id"]!.GetValue<string>() }));
        var results = await Task.WhenAll(posts.Concat(replies));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(before + 20, await api.EventCount());

        var threads = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/comments")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(11, threads.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"comment {i}").Order(), threads.Skip(1).Select(t => t!["text"]!.GetValue<string>()).Order());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"reply {i}").Order(), threads[0]!["replies"]!.AsArray().Select(t => t!["text"]!.GetValue<string>()).Order());
    }
}
