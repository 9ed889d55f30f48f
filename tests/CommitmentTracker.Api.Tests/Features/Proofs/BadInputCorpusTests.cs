using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CommitmentTracker.Api.Tests.Features.Proofs;

/// <summary>
/// Proof 3: every request of tests/corpus/bad-requests.jsonl (hostile input, as data) gets the status it expects (a 4xx,
/// or 200 for a search that must simply work) with a problem document or GraphQL errors; never a 5xx, and no refused
/// request appends an event. Every status answered is one the OpenAPI document declares for that operation.
/// </summary>
public sealed class BadInputCorpusTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private static readonly Dictionary<string, string> Markers = new()
    {
        ["{{1MB}}"] = new string('a', 1 << 20),
        ["{{1MB-ka}}"] = string.Concat(Enumerable.Repeat("ქართული ", (1 << 20) / 8)),
        ["{{10KB}}"] = new string('b', 10 * 1024),
        ["{{100KB}}"] = new string('c', 100 * 1024),
    };

    private sealed record Entry(string Name, string Method, string Path, Dictionary<string, string>? Headers, string? Auth,
        string? Body, string? BodyBase64, JsonElement Expect, string[]? Fields = null);

    [Fact]
    public async Task Every_hostile_request_is_refused_cleanly_and_appends_nothing()
    {
        var entries = File.ReadLines(Path.Combine(Repo.Root, "tests", "corpus", "bad-requests.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<Entry>(l, new JsonSerializerOptions(JsonSerializerDefaults.Web))!).ToArray();
        Assert.True(entries.Length >= 200, $"the corpus holds {entries.Length} requests; the issue asks for at least 200");
        var ids = await Arrange();

        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var declared = new DeclaredStatuses();
        var before = await api.EventCount();
        foreach (var entry in entries)
        {
            var eventsBefore = await api.EventCount();
            using var response = await (entry.Auth == "none" ? api.Anonymous() : api.Admin()).SendAsync(Request(entry, ids));
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync();
            var problem = Problem(entry, status, response.Content.Headers.ContentType?.MediaType, body);
            if (problem is null && await api.EventCount() != eventsBefore) problem = "appended an event";
            problem ??= declared.Undeclared(entry.Method, Fill(entry.Path, ids), status);
            if (problem is not null) failures.Add($"{entry.Name}: {status} {problem} {body[..Math.Min(body.Length, 300)]}");
        }

        output.WriteLine($"PROOF corpus requests={entries.Length} " + string.Join(' ', statuses.Select(s => $"{s.Key}={s.Value}")) +
                         $" 5xx={statuses.Where(s => s.Key >= 500).Sum(s => s.Value)} events_appended={await api.EventCount() - before}" +
                         $" checked_against_openapi={declared.Checked}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {entries.Length} requests misbehaved:\n" + string.Join('\n', failures));
        Assert.True(declared.Checked >= entries.Length / 2, $"only {declared.Checked} of {entries.Length} requests named an operation of schema/openapi.json");
        Assert.Equal(before, await api.EventCount());
    }

    /// <summary>What is wrong with this answer, or null.</summary>
    private static string? Problem(Entry entry, int status, string? mediaType, string body)
    {
        if (status >= 500) return "is a server error";
        var expected = entry.Expect.ValueKind == JsonValueKind.Number ? entry.Expect.GetInt32().ToString() : entry.Expect.GetString()!;
        var graphQLErrors = TryParse(body) is JsonObject o && o["errors"] is JsonArray { Count: > 0 };
        var matches = expected.Split('|').Any(e => e == status.ToString() || e == "4xx" && status is >= 400 and < 500
                                                   || e == "errors" && graphQLErrors && status is 200 or (>= 400 and < 500));
        if (!matches) return $"expected {expected}";
        if (status < 400) return null;
        if (entry.Fields is { } fields && TryParse(body)?["errors"] is JsonObject errors
            && !errors.Select(e => e.Key).Order(StringComparer.Ordinal).SequenceEqual(fields.Order(StringComparer.Ordinal)))
            return $"expected errors on {string.Join(", ", fields)}, got {string.Join(", ", errors.Select(e => e.Key))}";
        if (entry.Fields is not null && TryParse(body)?["errors"] is not JsonObject) return $"expected errors on {string.Join(", ", entry.Fields)}, got none";
        var problem = mediaType == "application/problem+json" && TryParse(body)?["status"]?.GetValue<int>() == status;
        // /graphql answers in GraphQL's own error format, unless the request never reached it (405, 413)
        return problem || graphQLErrors && entry.Path.StartsWith("/graphql", StringComparison.Ordinal) ? null : "is neither a problem document nor GraphQL errors";
    }

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
        var commitment = (await (await api.Admin().PostJson($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var added = await (await api.Admin().PostJson($"/api/commitments/{commitment}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        // Dialogue: the admin's comment and a reply to it, and a CSO assessment filed under the admin key's organisation.
        var comment = (await (await api.Admin().PostJson($"/api/commitments/{commitment}/comments", new { text = "Where is the data?" })).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var reply = (await (await api.Admin().PostJson($"/api/commitments/{commitment}/comments", new { text = "Published.", parentId = comment })).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await api.Admin().PostJson($"/api/commitments/{commitment}/assessments/cso", new { completion = "Limited", comment = "One region only" })).Expect(HttpStatusCode.Created);
        return new()
        {
            ["{plan}"] = plan, ["{commitment}"] = commitment, ["{milestone}"] = added["milestones"]![0]!["id"]!.GetValue<string>(),
            ["{comment}"] = comment, ["{reply}"] = reply,
        };
    }
}
