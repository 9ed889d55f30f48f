using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Features.Export;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Commitments;

/// <summary>
/// One read path (CommitmentReads) behind REST, GraphQL and the export: the four defects it fixed (a list without CSO
/// views, a GraphQL asOf judged on today, a history without the CSO streams, a member feed without the import stream),
/// and the three surfaces agreeing field by field, today and as of a past date.
/// </summary>
public sealed class CommitmentReadsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset March = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset October = new(2024, 10, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_list_carries_each_commitments_cso_views()
    {
        api.Clock.Now = March;
        var plan = await api.OpenPlan("GE");
        var viewed = await Made(plan);
        var unviewed = await Made(plan);
        await File(viewed, "Transparency International Georgia", "Limited");
        await File(viewed, "Civil Society Institute", "Substantial");

        var items = (await (await api.As(Caller.Anonymous).Get($"/api/commitments?plan={plan}")).Expect(HttpStatusCode.OK))["items"]!.AsArray();
        var cso = items.Single(i => i!["id"]!.GetValue<string>() == viewed)!["assessments"]!["cso"]!.AsArray();
        Assert.Equal(["Civil Society Institute", "Transparency International Georgia"], cso.Select(c => c!["organisation"]!.GetValue<string>()));
        Assert.Equal("Limited", cso[1]!["completion"]!.GetValue<string>());
        Assert.Empty(items.Single(i => i!["id"]!.GetValue<string>() == unviewed)!["assessments"]!["cso"]!.AsArray());
        var one = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{viewed}")).Expect(HttpStatusCode.OK))["assessments"]!["cso"]!;
        Assert.Equal(one.ToJsonString(), cso.ToJsonString());
    }

    [Fact]
    public async Task GraphQL_as_of_a_date_judges_cso_views_and_overdue_on_that_date()
    {
        api.Clock.Now = March;
        var id = await api.MadeCommitment("AM");
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", Given.Milestone("2024-01-01", "2024-06-30"))).Expect(HttpStatusCode.Created);
        await File(id, "Armenian Lawyers' Association", "Limited");
        api.Clock.Now = October;
        await File(id, "Armenian Lawyers' Association", "Substantial");
        await File(id, "Freedom of Information Center", "Complete");

        var data = await api.As(Caller.Anonymous).GraphQL("""
            query($id: ID!) {
              now: commitment(id: $id) { overdueMilestones milestones { edges { node { overdue } } } assessments { cso { organisation completion assessments } } }
              then: commitment(id: $id, asOf: "2024-05-01") { overdueMilestones milestones { edges { node { overdue } } } assessments { cso { organisation completion assessments } } }
            }
            """, new { id });
        Assert.Equal(1, data["now"]!["overdueMilestones"]!.GetValue<int>());
        Assert.Equal(2, data["now"]!["assessments"]!["cso"]!.AsArray().Count);
        var then = data["then"]!;
        Assert.Equal(0, then["overdueMilestones"]!.GetValue<int>());
        Assert.False(then["milestones"]!["edges"]![0]!["node"]!["overdue"]!.GetValue<bool>());
        var cso = then["assessments"]!["cso"]!.AsArray();
        Assert.Equal("Armenian Lawyers' Association", Assert.Single(cso)!["organisation"]!.GetValue<string>());
        Assert.Equal("Limited", cso[0]!["completion"]!.GetValue<string>());
        Assert.Equal(1, cso[0]!["assessments"]!.GetValue<int>());

        var rest = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?asOf=2024-05-01")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, rest["overdueMilestones"]!.GetValue<int>());
        Assert.Equal("Limited", Assert.Single(rest["assessments"]!["cso"]!.AsArray())!["completion"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_holds_the_cso_events_in_global_order_each_with_its_stream()
    {
        api.Clock.Now = March;
        var id = await api.MadeCommitment("UA");
        await File(id, "Centre of Policy and Legal Reform", "Limited");
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/completion", new { completion = "Limited", reason = "Started" })).Expect(HttpStatusCode.OK);
        await File(id, "Centre of Policy and Legal Reform", "Substantial");

        var history = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}/history")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["commitment_made", "cso_assessment_filed", "commitment_completion_changed", "cso_assessment_filed"],
            history.Select(h => h!["type"]!.GetValue<string>()));
        var sequences = history.Select(h => h!["sequence"]!.GetValue<long>()).ToArray();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(id, history[0]!["stream"]!.GetValue<string>());
        Assert.StartsWith(id + "~cso~", history[1]!["stream"]!.GetValue<string>());
        Assert.Equal("Centre of Policy and Legal Reform", history[3]!["organisation"]!.GetValue<string>());
        // Who wrote it by name (the key's), beside the key's id.
        Assert.Equal("Centre of Policy and Legal Reform monitor", history[3]!["actorName"]!.GetValue<string>());
        Assert.StartsWith("key:", history[3]!["actor"]!.GetValue<string>());

        var graph = await api.As(Caller.Anonymous).GraphQL("query($id: ID!) { commitment(id: $id) { history { type stream sequence actor actorName } } }", new { id });
        var entries = graph["commitment"]!["history"]!.AsArray();
        Assert.Equal(history.Select(h => $"{h!["type"]} {h["stream"]} {h["sequence"]} {h["actor"]} {h["actorName"]}"),
            entries.Select(h => $"{h!["type"]} {h["stream"]} {h["sequence"]} {h["actor"]} {h["actorName"]}"));
    }

    [Fact]
    public async Task The_member_change_feed_includes_the_plans_import_stream()
    {
        api.Clock.Now = March;
        var plan = await api.OpenPlan("KG");
        var csv = "Commitment Unique Identifier,Title,Lead Institution,Policy Areas\nA,Ачык бюджет,Ministry of Finance,FiscalOpenness\n";
        await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv")))
            .Expect(HttpStatusCode.OK);

        var streams = new HashSet<string>();
        for (var after = 0L; ;)
        {
            var page = await (await api.As(Caller.Anonymous).Get($"/api/changes?after={after}&limit=1000&member=KG")).Expect(HttpStatusCode.OK);
            foreach (var item in page["items"]!.AsArray()) streams.Add(item!["streamId"]!.GetValue<string>());
            if (page["next"]!.GetValue<long>() == after) break;
            after = page["next"]!.GetValue<long>();
        }
        Assert.Contains($"{plan}~imports", streams);
        Assert.Contains(plan, streams);
    }

    [Fact]
    public async Task Rest_graphql_and_the_export_agree_field_by_field_today_and_as_of_a_past_date()
    {
        api.Clock.Now = March;
        var plan = await api.OpenPlan("AZ");
        var ids = new[] { await Made(plan), await Made(plan), await Made(plan) };
        foreach (var id in ids.Take(2))
        {
            var added = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", Given.Milestone("2024-01-01", "2024-06-30"))).Expect(HttpStatusCode.Created);
            var milestone = added["milestones"]![0]!["id"]!.GetValue<string>();
            await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones/{milestone}/progress", new { percent = 40 })).Expect(HttpStatusCode.OK);
        }
        await (await api.As(Caller.Admin).Post($"/api/commitments/{ids[0]}/completion", new { completion = "Limited", reason = "Started" })).Expect(HttpStatusCode.OK);
        await File(ids[1], "Azerbaijan Transparency Network", "Limited");
        api.Clock.Now = October;
        await (await api.As(Caller.Admin).Post($"/api/commitments/{ids[0]}/completion", new { completion = "Substantial", reason = "Portal live" })).Expect(HttpStatusCode.OK);
        await (await api.As(Caller.Key(await api.Key("irm"))).Post($"/api/commitments/{ids[1]}/assessments/irm", new
        {
            design = new { verifiable = true, openGovernmentLens = true, potentialForResults = "Substantial", promising = true },
            results = new { completion = "Substantial", didItOpenGovernment = "Major" },
        })).Expect(HttpStatusCode.OK);
        await File(ids[1], "Azerbaijan Transparency Network", "Substantial");

        foreach (var asOf in new string?[] { null, "2024-05-01" })
        {
            var query = asOf is null ? "" : $"&asOf={asOf}";
            var export = JsonNode.Parse(await api.As(Caller.Anonymous).Download($"/api/export/commitments.json?plan={plan}&lang=en{query}"))!.AsArray()
                .ToDictionary(r => r!["id"]!.GetValue<string>(), r => Fields(r!["id"], r["member"], r["actionPlan"], r["title"], r["completion"],
                    r["irmCompletion"], r["starred"], r["progress"], r["overdueMilestones"], null));
            var rest = new Dictionary<string, string>();
            var listed = asOf is null
                ? (await (await api.As(Caller.Anonymous).Get($"/api/commitments?plan={plan}&lang=en")).Expect(HttpStatusCode.OK))["items"]!.AsArray().ToList()
                : (await Task.WhenAll(ids.Select(async id => await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}?lang=en{query}")).Expect(HttpStatusCode.OK)))).ToList<JsonNode?>();
            foreach (var c in listed)
                rest[c!["id"]!.GetValue<string>()] = Fields(c["id"], c["memberCode"], c["planId"], c["title"], c["completion"],
                    c["assessments"]!["irm"]?["results"]?["completion"], c["assessments"]!["irm"]?["starred"] ?? JsonValue.Create(false), c["progress"], c["overdueMilestones"],
                    WithoutResponses(c["assessments"]!["cso"]));
            var graph = new Dictionary<string, string>();
            foreach (var id in ids)
            {
                var g = (await api.As(Caller.Anonymous).GraphQL("""
                    query($id: ID!, $asOf: DateOnly) { commitment(id: $id, asOf: $asOf) {
                      id memberCode planId title(lang: "en") completion progress overdueMilestones
                      assessments { irm { completion starred } cso { organisation completion comment evidence { url } by at assessments } } } }
                    """, new { id, asOf }))["commitment"]!;
                graph[id] = Fields(g["id"], g["memberCode"], g["planId"], g["title"], g["completion"], g["assessments"]!["irm"]?["completion"],
                    g["assessments"]!["irm"]?["starred"] ?? JsonValue.Create(false), g["progress"], g["overdueMilestones"], g["assessments"]!["cso"]);
            }

            Assert.Equal(ids.Order(), rest.Keys.Order());
            Assert.Equal(rest, graph);
            Assert.Equal(rest.ToDictionary(r => r.Key, r => r.Value[..r.Value.LastIndexOf('|')]), export.ToDictionary(r => r.Key, r => r.Value[..r.Value.LastIndexOf('|')]));
        }
        // The fields compared above differ between the two dates, so the comparison judged each one on its own date.
        var today = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{ids[1]}")).Expect(HttpStatusCode.OK);
        var then = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{ids[1]}?asOf=2024-05-01")).Expect(HttpStatusCode.OK);
        Assert.Equal((1, 0), (today["overdueMilestones"]!.GetValue<int>(), then["overdueMilestones"]!.GetValue<int>()));
        Assert.True(today["assessments"]!["irm"]!["starred"]!.GetValue<bool>());
        Assert.Null(then["assessments"]!["irm"]);
    }

    /// <summary>The CSO views without the government's responses (DialogueViewTests compares those across REST and GraphQL).</summary>
    private static JsonNode? WithoutResponses(JsonNode? cso)
    {
        var copy = cso?.DeepClone();
        foreach (var view in copy?.AsArray() ?? []) view!.AsObject().Remove("responses");
        return copy;
    }

    private static string Fields(params JsonNode?[] values) =>
        string.Join('|', values.Select(v => v switch
        {
            null => "",
            JsonValue n when n.TryGetValue<double>(out var d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToJsonString(),
        }));

    private async Task<string> Made(string plan) =>
        (await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();

    private async Task File(string id, string organisation, string completion)
    {
        var issued = await (await api.As(Caller.Admin).Post("/api/api-keys", new { name = $"{organisation} monitor", role = "cso", organisation, members = Array.Empty<string>() }))
            .Expect(HttpStatusCode.Created);
        var key = issued["secret"]!.GetValue<string>();
        await (await api.As(Caller.Key(key)).Post($"/api/commitments/{id}/assessments/cso", new { completion, comment = $"{organisation}: {completion}" }))
            .Expect(HttpStatusCode.Created);
    }
}
