using System.Net;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Dialogue;

/// <summary>
/// The one commitment read carries the dialogue: REST and GraphQL show the same responses, comments and CSO views of
/// milestones, today and as of a past date, and so does the assessments export; the history, the change feed and webhook filters see the dialogue's events.
/// </summary>
public sealed class DialogueViewTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset May = new(2024, 5, 2, 9, 0, 0, TimeSpan.Zero);

    private const string Query = """
        query($id: ID!, $asOf: DateOnly) { commitment(id: $id, asOf: $asOf) {
          comments { ...C replies { ...C } }
          milestones { edges { node { id comments { ...C replies { ...C } } csoAssessments { organisation status comment assessments } } } }
          assessments { cso { organisation assessments responses { ...R } } irm { revision responses { ...R } } }
          history { stream type }
        } }
        fragment C on Comment { id milestoneId parentId text authorRole authorOrganisation official hidden notice edits }
        fragment R on AssessmentResponse { assessmentVersion answersLatest stance text(lang: "en") responderRole responderOrganisation }
        """;

    [Fact]
    public async Task Rest_and_graphql_carry_the_same_dialogue_today_and_as_of_a_past_date()
    {
        api.Clock.Now = May;
        var (id, milestone) = await api.CommitmentWithMilestone("UA");
        var cso = api.As(Caller.Key(await api.KeyOf("cso", "Monitor", "Transparency International Ukraine")));
        var poc = api.As(Caller.Key(await api.KeyOf("poc", "Ukraine PoC", "Cabinet of Ministers", "UA")));
        var irm = api.As(Caller.Key(await api.Key("irm")));
        // Ukrainian seed text (shared/seeds/001_…: "EU for Integrity …").
        var seed = Repo.Seed("001_c25ae0a319e80e76.txt").Split('\n').Select(l => l.Trim()).First(l => l.Contains("доброчесність"));

        await (await cso.Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = seed })).Expect(HttpStatusCode.Created);
        await (await poc.Post($"/api/commitments/{id}/assessments/cso/Transparency%20International%20Ukraine/responses",
            new { stance = "PartlyAccepted", text = new Dictionary<string, string> { ["uk"] = seed, ["en"] = "Two regions are live." } })).Expect(HttpStatusCode.Created);
        await (await irm.Post($"/api/commitments/{id}/assessments/irm", new
            { design = new { verifiable = true, openGovernmentLens = true, potentialForResults = "Modest", promising = false } })).Expect(HttpStatusCode.OK);
        await (await poc.Post($"/api/commitments/{id}/assessments/irm/responses", new { stance = "Accepted", text = new { en = "We agree." } })).Expect(HttpStatusCode.Created);
        var top = (await (await cso.Post($"/api/commitments/{id}/comments", new { text = seed })).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await poc.Post($"/api/commitments/{id}/comments", new { text = "Відповідь уряду", parentId = top })).Expect(HttpStatusCode.Created);
        var onMilestone = (await (await cso.Post($"/api/commitments/{id}/comments", new { text = "<b>late</b>", milestoneId = milestone })).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await cso.Post($"/api/commitments/{id}/milestones/{milestone}/assessments/cso", new { status = "NotMet", comment = "Nothing yet" })).Expect(HttpStatusCode.Created);

        api.Clock.Now = May.AddMonths(2);
        await (await cso.Post($"/api/commitments/{id}/assessments/cso", new { completion = "Substantial", comment = "Better" })).Expect(HttpStatusCode.Created);
        await (await irm.Post($"/api/commitments/{id}/assessments/irm", new { results = new { completion = "Substantial", didItOpenGovernment = "Major" } })).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/comments/{onMilestone}/hide", new { reason = "Off topic" })).Expect(HttpStatusCode.OK);
        await (await cso.Post($"/api/commitments/{id}/milestones/{milestone}/assessments/cso", new { status = "PartiallyMet", comment = "One region" })).Expect(HttpStatusCode.Created);

        var shown = new Dictionary<string, string>();
        foreach (var asOf in new[] { null, "2024-05-02" })
        {
            var rest = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?lang=en{(asOf is null ? "" : $"&asOf={asOf}")}")).Expect(HttpStatusCode.OK);
            var graph = (await api.As(Caller.Anonymous).GraphQL(Query, new { id, asOf }))["commitment"]!;
            var restDialogue = Dialogue(rest["comments"], rest["milestones"]!.AsArray(), rest["assessments"]!);
            Assert.Equal(restDialogue, Dialogue(graph["comments"], graph["milestones"]!["edges"]!.AsArray().Select(e => e!["node"]).ToArray(), graph["assessments"]!));
            var exported = (await (await api.As(Caller.Anonymous).Get($"/api/export/assessments.json?member=UA&lang=en{(asOf is null ? "" : $"&asOf={asOf}")}"))
                .Expect(HttpStatusCode.OK)).AsArray().Single(r => r!["id"]!.GetValue<string>() == id)!;
            Assert.Equal(restDialogue, Dialogue(exported["comments"], exported["milestones"]!.AsArray(), exported["assessments"]!));
            shown[asOf ?? "today"] = restDialogue;
        }
        // The two dates show different things, so each was judged on its own date.
        Assert.Contains("hidden by a moderator: Off topic", shown["today"]);
        Assert.DoesNotContain("hidden by a moderator", shown["2024-05-02"]);
        Assert.Contains(JsonValue.Create("<b>late</b>").ToJsonString(), shown["2024-05-02"]);
        Assert.Contains("PartlyAccepted|1|False", shown["today"]); // answered version 1; the CSO has revised since
        Assert.Contains("PartlyAccepted|1|True", shown["2024-05-02"]);
        Assert.Contains("revision 2", shown["today"]);
        Assert.Contains("revision 1", shown["2024-05-02"]);

        // The history and the change feed hold every dialogue event, stream by stream.
        var history = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/history")).Expect(HttpStatusCode.OK)).AsArray();
        var types = history.Select(h => h!["type"]!.GetValue<string>()).ToArray();
        foreach (var type in new[] { "assessment_answered", "comment_posted", "comment_hidden", "cso_milestone_assessed" }) Assert.Contains(type, types);
        Assert.Contains($"{id}~comment~{top}", history.Select(h => h!["stream"]!.GetValue<string>()));
        var graphHistory = (await api.As(Caller.Anonymous).GraphQL(Query, new { id, asOf = (string?)null }))["commitment"]!["history"]!.AsArray();
        Assert.Equal(history.Select(h => h!["stream"]!.GetValue<string>() + " " + h["type"]!.GetValue<string>()),
            graphHistory.Select(h => h!["stream"]!.GetValue<string>() + " " + h["type"]!.GetValue<string>()));
        var feed = (await (await api.As(Caller.Anonymous).Get($"/api/changes?after=0&limit=1000&commitment={id}")).Expect(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal(history.Select(h => h!["sequence"]!.GetValue<long>()), feed.Select(f => f!["sequence"]!.GetValue<long>()));
        var exportedHistory = (await (await api.As(Caller.Anonymous).Get("/api/export/history.jsonl?member=UA")).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["sequence"]!.GetValue<long>()).ToHashSet();
        Assert.Subset(exportedHistory, history.Select(h => h!["sequence"]!.GetValue<long>()).ToHashSet());

        // Webhooks take the dialogue's event types as filters.
        await (await api.As(Caller.Admin).Post("/api/webhooks", new { url = "https://example.org/hook", commitment = id, eventTypes = new[] { "comment_posted", "assessment_answered" } }))
            .Expect(HttpStatusCode.Created);
    }

    /// <summary>The dialogue of one commitment as a comparable text, from REST's or GraphQL's JSON (the field names are the same).</summary>
    private static string Dialogue(JsonNode? comments, IEnumerable<JsonNode?> milestones, JsonNode assessments)
    {
        static string Comment(JsonNode? c) => string.Join('|', new[] { "id", "milestoneId", "parentId", "text", "authorRole", "authorOrganisation", "official", "hidden", "notice", "edits" }
            .Select(f => c![f]?.ToJsonString() ?? "null")) + " replies: " + string.Join("; ", (c!["replies"]?.AsArray() ?? []).Select(Comment));
        static string Response(JsonNode? r) => string.Join('|', r!["stance"]!.GetValue<string>(), r["assessmentVersion"]!.GetValue<long>(),
            r["answersLatest"]!.GetValue<bool>(), r["text"]!.GetValue<string>(), r["responderRole"]!.GetValue<string>(), r["responderOrganisation"]!.GetValue<string>());
        var lines = new List<string>();
        lines.AddRange(comments!.AsArray().Select(c => "comment " + Comment(c)));
        foreach (var m in milestones)
        {
            lines.AddRange(m!["comments"]!.AsArray().Select(c => $"{m["id"]} comment " + Comment(c)));
            lines.AddRange(m["csoAssessments"]!.AsArray().Select(a => $"{m["id"]} cso {a!["organisation"]} {a["status"]} {a["comment"]} {a["assessments"]}"));
        }
        foreach (var cso in assessments["cso"]!.AsArray())
            lines.AddRange(cso!["responses"]!.AsArray().Select(r => $"cso {cso["organisation"]} v{cso["assessments"]} response " + Response(r)));
        if (assessments["irm"] is { } irm)
        {
            lines.Add($"irm revision {irm["revision"]}");
            lines.AddRange(irm["responses"]!.AsArray().Select(r => "irm response " + Response(r)));
        }
        return string.Join('\n', lines);
    }
}
