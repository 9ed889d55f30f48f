using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Infrastructure.Auth;
using Xunit.Abstractions;

namespace CommitmentTracker.Api.Tests.Proofs;

/// <summary>
/// Proof 3: every request of tests/corpus/bad-requests.jsonl (hostile input, as data) gets exactly the status its row
/// states, sent by the least-privileged caller that reaches the handler (the row's <c>auth</c>). A problem document must
/// name exactly the row's <c>errors</c> fields; a GraphQL answer must carry exactly the row's error codes; a search that
/// must simply work (200) must count exactly the row's <c>totalCount</c> and <c>items</c>. Never a 5xx, and after every row the whole store
/// (<see cref="StoreFootprint"/>: every event and every document table) is what it was before. Every status answered is one the OpenAPI document declares for that operation.
/// </summary>
/// <remarks>
/// Breakages this caught when tried: the progress validator reporting "percent" as "pct" (errors differ); a q without
/// words matching every commitment instead of none (the wildcard rows count 1, not 0); a refused API-key request that
/// stored a key anyway (the footprint of mt_doc_apikey differs).
/// CORPUS_RECORD=FILE writes what each row got, as JSON lines, for reviewing a deliberate change to the rules.
/// </remarks>
public sealed class BadInputCorpusTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private static readonly Dictionary<string, string> Markers = new()
    {
        ["{{1MB}}"] = new string('a', 1 << 20),
        ["{{1MB-ka}}"] = string.Concat(Enumerable.Repeat("ქართული ", (1 << 20) / 8)),
        ["{{10KB}}"] = new string('b', 10 * 1024),
        ["{{100KB}}"] = new string('c', 100 * 1024),
    };

    private sealed record Entry(string Name, string Method, string Path, Dictionary<string, string>? Headers, string Auth,
        string? Body, string? BodyBase64, int Expect, string[]? Errors, string[]? GraphQLErrors, int? TotalCount, int? Items);

    [Fact]
    public async Task Every_hostile_request_gets_its_exact_answer_and_writes_nothing()
    {
        var entries = File.ReadLines(Path.Combine(Repo.Root, "tests", "corpus", "bad-requests.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<Entry>(l, new JsonSerializerOptions(JsonSerializerDefaults.Web))!).ToArray();
        Assert.True(entries.Length >= 200, $"the corpus holds {entries.Length} requests; the issue asks for at least 200");
        var ids = await Arrange();
        var callers = await Callers();

        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var record = Environment.GetEnvironmentVariable("CORPUS_RECORD") is { Length: > 0 } path ? File.CreateText(path) : null;
        var before = await api.Footprint();
        var declared = new DeclaredStatuses();
        foreach (var entry in entries)
        {
            var footprint = await api.Footprint();
            using var response = await callers[entry.Auth].Send(Request(entry, ids));
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync();
            var got = Answer.Of(status, response.Content.Headers.ContentType?.MediaType, body);
            record?.WriteLine(JsonSerializer.Serialize(new { entry.Name, got.Status, got.Errors, got.GraphQLErrors, got.TotalCount, got.Items, got.Shape }));
            var problem = Problem(entry, got);
            if (problem is null && footprint.Diff(await api.Footprint()) is { Length: > 0 } changed) problem = "wrote " + string.Join("; ", changed);
            problem ??= declared.Undeclared(entry.Method, Fill(entry.Path, ids), status);
            if (problem is not null) failures.Add($"{entry.Name} (as {entry.Auth}): {status} {problem} {body[..Math.Min(body.Length, 300)]}");
        }
        record?.Dispose();

        output.WriteLine($"PROOF corpus requests={entries.Length} " + string.Join(' ', statuses.Select(s => $"{s.Key}={s.Value}")) +
                         $" 5xx={statuses.Where(s => s.Key >= 500).Sum(s => s.Value)} callers=" +
                         string.Join(',', entries.GroupBy(e => e.Auth).Select(g => $"{g.Key}:{g.Count()}")) + $" checked_against_openapi={declared.Checked}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {entries.Length} requests misbehaved:\n" + string.Join('\n', failures));
        Assert.True(declared.Checked >= entries.Length / 2, $"only {declared.Checked} of {entries.Length} requests named an operation of schema/openapi.json");
        Assert.Empty(before.Diff(await api.Footprint()));
    }

    [Fact]
    public void Every_row_states_an_exact_answer()
    {
        var rows = File.ReadLines(Path.Combine(Repo.Root, "tests", "corpus", "bad-requests.jsonl")).Where(l => l.Trim().Length > 0)
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        var vague = rows.Where(r => r["expect"]?.GetValueKind() != JsonValueKind.Number
                                    || r["expect"]!.GetValue<int>() == 400 && r["errors"] is null && r["graphQLErrors"] is null
                                    || r["expect"]!.GetValue<int>() == 200 && r["items"] is null && r["graphQLErrors"] is null
                                    || r["auth"] is null)
            .Select(r => r["name"]!.GetValue<string>()).ToArray();
        Assert.True(vague.Length == 0, "rows without an exact status, their errors, their count or their caller:\n" + string.Join('\n', vague));
    }

    /// <summary>What came back, reduced to what a row can state.</summary>
    private sealed record Answer(int Status, string[]? Errors, string[]? GraphQLErrors, int? TotalCount, int? Items, string Shape)
    {
        public static Answer Of(int status, string? mediaType, string body)
        {
            var json = TryParse(body);
            var problem = mediaType == "application/problem+json" && json?["status"]?.GetValue<int>() == status;
            var errors = problem && json!["errors"] is JsonObject e ? e.Select(f => f.Key).Order(StringComparer.Ordinal).ToArray() : null;
            var graphQL = json is JsonObject o && o["errors"] is JsonArray { Count: > 0 } list
                ? list.Select(x => x?["extensions"]?["code"]?.GetValue<string>() ?? "(no code)").Distinct().Order(StringComparer.Ordinal).ToArray()
                : null;
            var items = json is JsonObject page && page["items"] is JsonArray list2 ? list2.Count : (int?)null;
            var total = items is not null && json!["totalCount"] is JsonValue t ? t.GetValue<int>() : (int?)null;
            var shape = problem ? "problem" : graphQL is not null ? "graphql" : items is not null ? "page" : "other";
            return new Answer(status, errors, graphQL, total, items, shape);
        }
    }

    /// <summary>How this answer differs from what the row states, or null.</summary>
    private static string? Problem(Entry entry, Answer got)
    {
        if (got.Status >= 500) return "is a server error";
        if (got.Status != entry.Expect) return $"expected {entry.Expect}";
        if (got.Status >= 400 && got.Shape is not ("problem" or "graphql"))
            return "is neither a problem document nor GraphQL errors";
        // /graphql answers in GraphQL's own error format, unless the request never reached it (405, 413)
        if (got.Shape == "graphql" && !entry.Path.StartsWith("/graphql", StringComparison.Ordinal)) return "is GraphQL errors outside /graphql";
        if (!Same(entry.Errors, got.Errors)) return $"expected errors [{Join(entry.Errors)}], got [{Join(got.Errors)}]";
        if (!Same(entry.GraphQLErrors, got.GraphQLErrors)) return $"expected GraphQL error codes [{Join(entry.GraphQLErrors)}], got [{Join(got.GraphQLErrors)}]";
        if (entry.TotalCount != got.TotalCount) return $"expected totalCount {entry.TotalCount?.ToString() ?? "absent"}, got {got.TotalCount?.ToString() ?? "absent"}";
        if (entry.Items != got.Items) return $"expected {entry.Items?.ToString() ?? "no"} items, got {got.Items?.ToString() ?? "none"}";
        return null;
    }

    private static bool Same(string[]? expected, string[]? got) =>
        (expected ?? []).Order(StringComparer.Ordinal).SequenceEqual(got ?? [], StringComparer.Ordinal);

    private static string Join(string[]? names) => string.Join(", ", names ?? []);

    private static JsonNode? TryParse(string body)
    {
        try { return JsonNode.Parse(body); } catch (JsonException) { return null; }
    }

    private static HttpRequestMessage Request(Entry entry, Dictionary<string, string> ids)
    {
        var request = new HttpRequestMessage(new HttpMethod(entry.Method), Fill(entry.Path, ids));
        byte[]? bytes = entry.BodyBase64 is { } b64 ? Convert.FromBase64String(Fill(b64, ids))
            : entry.Body is { } text ? Encoding.UTF8.GetBytes(Fill(text, ids)) : null;
        var headers = entry.Headers ?? [];
        if (bytes is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(headers.GetValueOrDefault("Content-Type", "application/json"));
        }
        foreach (var (name, value) in headers.Where(h => h.Key != "Content-Type"))
            request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static string Fill(string text, Dictionary<string, string> ids) =>
        Markers.Concat(ids).Aggregate(text, (t, m) => t.Replace(m.Key, m.Value, StringComparison.Ordinal));

    /// <summary>The resources the corpus aims at: a plan of GE, a commitment in it, and a milestone.</summary>
    private async Task<Dictionary<string, string>> Arrange()
    {
        var plan = await api.OpenPlan("GE");
        var commitment = (await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var added = await (await api.As(Caller.Admin).Post($"/api/commitments/{commitment}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        // Dialogue: the admin's comment and a reply to it, and a CSO assessment filed under the admin key's organisation.
        var comment = (await (await api.As(Caller.Admin).Post($"/api/commitments/{commitment}/comments", new { text = "Where is the data?" })).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var reply = (await (await api.As(Caller.Admin).Post($"/api/commitments/{commitment}/comments", new { text = "Published.", parentId = comment })).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await api.As(Caller.Admin).Post($"/api/commitments/{commitment}/assessments/cso", new { completion = "Limited", comment = "One region only" })).Expect(HttpStatusCode.Created);
        return new()
        {
            ["{plan}"] = plan, ["{commitment}"] = commitment, ["{milestone}"] = added["milestones"]![0]!["id"]!.GetValue<string>(),
            ["{comment}"] = comment, ["{reply}"] = reply,
        };
    }

    /// <summary>The rows' callers: anonymous, each role, and a PoC of the member the corpus writes to (GE).</summary>
    private async Task<Dictionary<string, Scenarios>> Callers() => new()
    {
        ["none"] = api.As(Caller.Anonymous),
        ["admin"] = api.As(Caller.Admin),
        ["poc"] = api.As(Caller.Key(await api.Key(Roles.Poc, "GE"))),
        ["cso"] = api.As(Caller.Key(await api.Key(Roles.Cso))),
        ["irm"] = api.As(Caller.Key(await api.Key(Roles.Irm))),
    };
}
