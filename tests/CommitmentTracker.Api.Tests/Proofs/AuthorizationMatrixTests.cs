using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Api.Tests.Features.Documents;
using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Features.Webhooks;
using CommitmentTracker.Infrastructure.Auth;
using GraphQL.Types;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CommitmentTracker.Api.Tests.Proofs;

/// <summary>
/// Proof 4: every write endpoint × every kind of caller (API keys and OIDC tokens) gets the status the table says (2xx,
/// 401, 403, or 404 where a resource is private to its owner). A refused request leaves the whole store as it was
/// (<see cref="StoreFootprint"/>), and a 2xx write changes it. The endpoints are discovered from the running app, so a
/// new write endpoint fails this test until it has a row.
/// </summary>
/// <remarks>
/// Breakages this caught when tried: a webhook update that stores a changed filter before its owner check (a refused
/// cell with a changed footprint); a webhook delete answered 204 without SaveChanges (a 2xx cell with an unchanged
/// store); the JWT role claim read from "role" instead of "ogp_role" (the jwt admin column is 401).
/// </remarks>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixApi api, ITestOutputHelper output) : IClassFixture<AuthorizationMatrixApi>
{
    private const string InScope = "GE", OutOfScope = "AM";

    /// <summary>
    /// The callers, in the order of each row's expectations: API keys, then the same roles with OIDC tokens (one auth path:
    /// a token's role and members give the same answers as a key's), and an expired token.
    /// </summary>
    private static readonly string[] Callers = ["anonymous", "admin", "poc in-scope", "poc out-of-scope", "cso", "irm", "revoked key",
        "jwt admin", "jwt poc in-scope", "jwt poc out-of-scope", "jwt cso", "jwt irm", "expired jwt"];

    /// <summary>Endpoints that serve reads over POST: a 2xx leaves the store as it was.</summary>
    private static readonly HashSet<string> Reads = ["POST /graphql"];

    /// <summary>
    /// Every write endpoint: what each caller gets, and how to arrange a target for it (a fresh plan, commitment, key…).
    /// The arranged request is repeatable: a refusal changes nothing, so it is re-arranged only after a write landed.
    /// </summary>
    private Dictionary<string, (string Expected, Func<Task<Func<HttpRequestMessage>>> Arrange)> Matrix() => new()
    {
        ["POST /api/members/"] = ("401 2xx 403 403 403 403 401 2xx 403 403 403 403 401", () => Ready(Post("/api/members", Given.Member(NextCode())))),
        ["POST /api/action-plans/"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", () => Ready(Post("/api/action-plans", Given.Plan(InScope, "2024-01-01", "2025-12-31")))),
        ["POST /api/action-plans/{id}/status"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Post($"/api/action-plans/{await api.OpenPlan(InScope)}/status", new { status = "CoCreation", reason = "Forum convened" })),
        ["POST /api/action-plans/{planId}/commitments"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Post($"/api/action-plans/{await api.OpenPlan(InScope)}/commitments", Given.Commitment())),
        ["PATCH /api/commitments/{id}/"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Send(HttpMethod.Patch, $"/api/commitments/{await Commitment()}", new { objective = new { en = "Open data" } })),
        ["POST /api/commitments/{id}/milestones"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Post($"/api/commitments/{await Commitment()}/milestones", Given.Milestone())),
        ["POST /api/commitments/{id}/milestones/{milestoneId}/progress"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Post($"{await Milestone()}/progress", new { percent = 40, note = "Two regions" })),
        ["POST /api/commitments/{id}/milestones/{milestoneId}/reschedule"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Post($"{await Milestone()}/reschedule", new { due = "2025-06-30", reason = "Procurement delayed" })),
        ["POST /api/commitments/{id}/completion"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Post($"/api/commitments/{await Commitment()}/completion", new { completion = "Limited", reason = "Started" })),
        ["POST /api/commitments/{id}/withdraw"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Post($"/api/commitments/{await Commitment()}/withdraw", new { reason = "Merged into GE0002" })),
        ["POST /api/commitments/{id}/assessments/irm"] = ("401 2xx 403 403 403 2xx 401 2xx 403 403 403 2xx 401", async () =>
            Post($"/api/commitments/{await Commitment()}/assessments/irm", new { design = new { verifiable = true, openGovernmentLens = true, potentialForResults = "Modest", promising = false } })),
        ["POST /api/commitments/{id}/assessments/cso/"] = ("401 2xx 403 403 2xx 403 401 2xx 403 403 2xx 403 401", async () =>
            Post($"/api/commitments/{await Commitment()}/assessments/cso", new { completion = "Limited", comment = "One region only" })),
        ["POST /api/api-keys/"] = ("401 2xx 403 403 403 403 401 2xx 403 403 403 403 401", () => Ready(Post("/api/api-keys", new { name = "Monitor", role = "cso", organisation = "Civil Society Institute" }))),
        ["DELETE /api/api-keys/{keyId}"] = ("401 2xx 403 403 403 403 401 2xx 403 403 403 403 401", async () =>
            Send(HttpMethod.Delete, $"/api/api-keys/{(await Key(Roles.Irm)).Id}")),
        ["POST /api/action-plans/{id}/import"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Csv($"/api/action-plans/{await api.OpenPlan(InScope)}/import", "Commitment Unique Identifier,Title,Lead Institution,Policy Areas\nA,Open budgets,Ministry of Finance,FiscalOpenness\n")),
        // A subscription belongs to the CSO that made it; to anyone else but an admin it is as good as missing (404).
        ["POST /api/webhooks/"] = ("401 2xx 403 403 2xx 403 401 2xx 403 403 2xx 403 401", () => Ready(Post("/api/webhooks", new { url = "https://example.org/hook" }))),
        ["PUT /api/webhooks/{id:guid}"] = ("401 2xx 404 404 2xx 404 401 2xx 404 404 404 404 401", async () =>
            Send(HttpMethod.Put, $"/api/webhooks/{await Webhook()}", new { url = "https://example.org/moved" })),
        ["DELETE /api/webhooks/{id:guid}"] = ("401 2xx 404 404 2xx 404 401 2xx 404 404 404 404 401", async () => Send(HttpMethod.Delete, $"/api/webhooks/{await Webhook()}")),
        // Dialogue (issue 16): any signed-in role comments; only the author edits; only an admin moderates; the member's
        // PoC or an admin answers an assessment; a CSO (or an admin) assesses a milestone.
        ["POST /api/commitments/{id}/comments/"] = ("401 2xx 2xx 2xx 2xx 2xx 401 2xx 2xx 2xx 2xx 2xx 401", async () =>
            Post($"/api/commitments/{await Commitment()}/comments", new { text = "When is the report due?" })),
        // The comment's author is the CSO key; the CSO token is another person, so it may not edit it either.
        ["PATCH /api/commitments/{id}/comments/{commentId}"] = ("401 403 403 403 2xx 403 401 403 403 403 403 403 401", async () =>
            Send(HttpMethod.Patch, await CsoComment(), new { text = "When is the final report due?" })),
        ["POST /api/commitments/{id}/comments/{commentId}/hide"] = ("401 2xx 403 403 403 403 401 2xx 403 403 403 403 401", async () =>
            Post($"{await CsoComment()}/hide", new { reason = "Off topic" })),
        ["POST /api/commitments/{id}/comments/{commentId}/restore"] = ("401 2xx 403 403 403 403 401 2xx 403 403 403 403 401", async () =>
            Post($"{await CsoComment(hidden: true)}/restore", new { reason = "Appeal upheld" })),
        ["POST /api/commitments/{id}/assessments/cso/{organisation}/responses"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Post($"{await CsoAssessed()}/responses", new { stance = "Disputed", text = new { en = "Two regions are live." } })),
        ["POST /api/commitments/{id}/assessments/irm/responses"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Post($"{await IrmAssessed()}/responses", new { stance = "Accepted", text = new { ka = "ვეთანხმებით" } })),
        ["POST /api/commitments/{id}/milestones/{milestoneId}/assessments/cso/"] = ("401 2xx 403 403 2xx 403 401 2xx 403 403 2xx 403 401", async () =>
            Post($"{await Milestone()}/assessments/cso", new { status = "PartiallyMet", comment = "One region only" })),
        // --- issue 17, the OGP record: members and plans revised, co-creation (admin, or the plan's PoC while Draft/CoCreation) ---
        ["PATCH /api/members/{code}"] = ("401 2xx 403 403 403 403 401 2xx 403 403 403 403 401", async () =>
            Send(HttpMethod.Patch, $"/api/members/{await Member()}", new { name = new { ka = "ახალი სახელი" }, reason = "Official name" })),
        ["POST /api/members/{code}/status"] = ("401 2xx 403 403 403 403 401 2xx 403 403 403 403 401", async () =>
            Post($"/api/members/{await Member()}/status", new { status = "UnderReview", reason = "Procedural review" })),
        ["PATCH /api/action-plans/{id}"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Send(HttpMethod.Patch, $"/api/action-plans/{await api.OpenPlan(InScope)}", new { title = new { ka = "გეგმა 2" }, reason = "Cabinet title" })),
        ["PUT /api/action-plans/{id}/co-creation/level"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Send(HttpMethod.Put, $"/api/action-plans/{await api.OpenPlan(InScope)}/co-creation/level", new { influenceLevel = "Consult", forumExists = true, reason = "Charter" })),
        ["POST /api/action-plans/{id}/co-creation/meetings"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Post($"/api/action-plans/{await api.OpenPlan(InScope)}/co-creation/meetings",
                new { date = "2024-03-01", participants = new { government = 3, civilSociety = 5 }, minutes = new { url = "https://gov.ge/m" }, reason = "Met" })),
        ["PUT /api/action-plans/{id}/co-creation/reasoned-response"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Send(HttpMethod.Put, $"/api/action-plans/{await api.OpenPlan(InScope)}/co-creation/reasoned-response", new { url = "https://gov.ge/rr", reason = "Published" })),
        ["POST /api/action-plans/{id}/documents/"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Upload($"/api/action-plans/{await api.OpenPlan(InScope)}/documents")),
        ["POST /api/action-plans/{id}/documents/{documentId}/withdraw"] = ("401 2xx 2xx 403 403 403 401 2xx 2xx 403 403 403 401", async () =>
            Post($"{await Document()}/withdraw", new { reason = "Personal data in the annex" })),
        // GraphQL has no mutations (asserted below): POST /graphql serves queries, to anyone.
        ["POST /graphql"] = ("2xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx", () => Ready(Post("/graphql", new { query = "{ members { code } }" }))),
    };

    [Fact]
    public void Every_write_endpoint_of_the_app_has_a_row()
    {
        var rows = Matrix().Keys.ToHashSet();
        var missing = WriteEndpoints().Where(e => !rows.Contains(e)).ToArray();
        Assert.True(missing.Length == 0, "write endpoints missing from the matrix: " + string.Join(", ", missing));
        Assert.Empty(rows.Except(WriteEndpoints())); // and no stale rows
    }

    [Fact]
    public void GraphQL_has_no_mutations_to_authorize()
    {
        var schema = api.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        Assert.True(schema.Mutation is null, "GraphQL now has mutations: give each a row in this matrix.");
    }

    private Scenarios[] clients = [];

    [Fact]
    public async Task Every_caller_gets_the_status_the_table_says_and_a_refusal_leaves_no_trace()
    {
        clients = await Clients();
        var cells = 0;
        var histogram = new Dictionary<string, int>();
        foreach (var (endpoint, (expected, arrange)) in Matrix())
        {
            var expectations = expected.Split(' ');
            Assert.Equal(Callers.Length, expectations.Length);
            Func<HttpRequestMessage>? request = null;
            for (var i = 0; i < Callers.Length; i++)
            {
                request ??= await arrange();
                using var message = request();
                var before = await api.Footprint();
                var response = await clients[i].Send(message);
                var status = (int)response.StatusCode;
                var got = status is >= 200 and < 300 ? "2xx" : status.ToString();
                Assert.True(got == expectations[i], $"{endpoint} as {Callers[i]}: expected {expectations[i]}, got {status}: {await response.Content.ReadAsStringAsync()}");
                var changed = before.Diff(await api.Footprint());
                if (got != "2xx")
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    Assert.True(changed.Length == 0, $"{endpoint} as {Callers[i]} was refused but wrote: {string.Join("; ", changed)}");
                }
                else if (Reads.Contains(endpoint))
                    Assert.True(changed.Length == 0, $"{endpoint} as {Callers[i]} is a read but wrote: {string.Join("; ", changed)}");
                else
                {
                    Assert.True(changed.Length > 0, $"{endpoint} as {Callers[i]} answered {status} but the store did not change");
                    request = null; // it landed: the next caller needs a target of its own
                }
                histogram[got] = histogram.GetValueOrDefault(got) + 1;
                cells++;
            }
        }
        output.WriteLine($"PROOF matrix endpoints={Matrix().Count} callers={Callers.Length} cells={cells} " +
                         string.Join(' ', histogram.OrderBy(h => h.Key).Select(h => $"{h.Key}={h.Value}")));
    }

    /// <summary>"METHOD /route/pattern" of every endpoint that is not a read.</summary>
    /// <remarks>
    /// Browser forms (they require an antiforgery token, so no API client can post them) are not API writes: their own
    /// tests (Features/Workspace) prove the session and antiforgery rules, and the forms call these same endpoints' deciders.
    /// </remarks>
    private HashSet<string> WriteEndpoints() => api.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<IAntiforgeryMetadata>()?.RequiresValidation != true)
        .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
        .Where(e => !e.StartsWith("GET ", StringComparison.Ordinal) && !e.StartsWith("HEAD ", StringComparison.Ordinal))
        .ToHashSet();

    private async Task<Scenarios[]> Clients()
    {
        await api.RegisteredMember(InScope);
        await api.RegisteredMember(OutOfScope);
        var revoked = await Key(Roles.Cso);
        await (await api.As(Caller.Admin).Send(new HttpRequestMessage(HttpMethod.Delete, $"/api/api-keys/{revoked.Id}"))).Expect(HttpStatusCode.NoContent);
        var authority = api.Authority;
        return
        [
            api.As(Caller.Anonymous), api.As(Caller.Admin), api.As(Caller.Key(await api.Key(Roles.Poc, InScope))), api.As(Caller.Key(await api.Key(Roles.Poc, OutOfScope))),
            api.As(Caller.Key(await api.Key(Roles.Cso))), api.As(Caller.Key(await api.Key(Roles.Irm))), api.As(Caller.Key(revoked.Secret)),
            api.WithToken(authority.Token("admin@ogp.org", Roles.Admin)), api.WithToken(authority.Token("nino@gov.ge", Roles.Poc, [InScope])),
            api.WithToken(authority.Token("anna@gov.am", Roles.Poc, [OutOfScope])), api.WithToken(authority.Token("monitor@cso.ge", Roles.Cso)),
            api.WithToken(authority.Token("reviewer@irm.org", Roles.Irm)),
            api.WithToken(authority.Token("late@gov.ge", Roles.Poc, [InScope], expires: DateTime.UtcNow.AddMinutes(-10))),
        ];
    }

    private static Func<HttpRequestMessage> Post(string url, object body) => Send(HttpMethod.Post, url, body);

    private static Func<HttpRequestMessage> Send(HttpMethod method, string url, object? body = null) =>
        () => new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };

    private static Func<HttpRequestMessage> Csv(string url, string csv) =>
        () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv") };

    private static Func<HttpRequestMessage> Upload(string url) =>
        () => new HttpRequestMessage(HttpMethod.Post, url) { Content = Uploads.Form(Uploads.Pdf, "minutes.pdf") };

    /// <summary>A document uploaded to a fresh plan: its path, without /content.</summary>
    private async Task<string> Document()
    {
        var plan = await api.OpenPlan(InScope);
        var made = await (await api.As(Caller.Admin).Post($"/api/action-plans/{plan}/documents", Uploads.Form(Uploads.Pdf, "minutes.pdf"))).Expect(HttpStatusCode.Created);
        return $"/api/action-plans/{plan}/documents/{made["id"]!.GetValue<string>()}";
    }

    /// <summary>A subscription made by the CSO caller (so it is the owner).</summary>
    private async Task<string> Webhook()
    {
        var made = await (await clients[Array.IndexOf(Callers, "cso")].Post("/api/webhooks", new { url = "https://example.org/hook" })).Expect(HttpStatusCode.Created);
        return made["id"]!.GetValue<string>();
    }

    /// <summary>A comment by the CSO caller (so it is the author) on an in-scope commitment, hidden by the admin if asked; its URL.</summary>
    private async Task<string> CsoComment(bool hidden = false)
    {
        var id = await Commitment();
        var posted = await (await clients[Array.IndexOf(Callers, "cso")].Post($"/api/commitments/{id}/comments", new { text = "Where is the data?" })).Expect(HttpStatusCode.Created);
        var url = $"/api/commitments/{id}/comments/{posted["id"]!.GetValue<string>()}";
        if (hidden) await (await api.As(Caller.Admin).Post($"{url}/hide", new { reason = "Spam" })).Expect(HttpStatusCode.OK);
        return url;
    }

    /// <summary>The CSO caller's assessment of an in-scope commitment; its URL.</summary>
    private async Task<string> CsoAssessed()
    {
        var id = await Commitment();
        await (await clients[Array.IndexOf(Callers, "cso")].Post($"/api/commitments/{id}/assessments/cso", new { completion = "Limited", comment = "One region only" })).Expect(HttpStatusCode.Created);
        return $"/api/commitments/{id}/assessments/cso/Test%20org";
    }

    /// <summary>An IRM design assessment of an in-scope commitment; its URL.</summary>
    private async Task<string> IrmAssessed()
    {
        var id = await Commitment();
        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/assessments/irm", new { design = new { verifiable = true, openGovernmentLens = true, potentialForResults = "Modest", promising = false } })).Expect(HttpStatusCode.OK);
        return $"/api/commitments/{id}/assessments/irm";
    }

    private static Task<Func<HttpRequestMessage>> Ready(Func<HttpRequestMessage> request) => Task.FromResult(request);

    private int codes;

    /// <summary>A member code no earlier request used: QA, QB, … ZZ.</summary>
    private string NextCode()
    {
        var n = codes++;
        return $"{(char)('Q' + n / 26)}{(char)('A' + n % 26)}";
    }

    /// <summary>A fresh member, so each landed rename or status change has a target of its own.</summary>
    private async Task<string> Member()
    {
        var code = NextCode();
        await api.RegisteredMember(code);
        return code;
    }

    private Task<string> Commitment() => api.MadeCommitment(InScope);

    private async Task<string> Milestone()
    {
        var id = await Commitment();
        var added = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        return $"/api/commitments/{id}/milestones/{added["milestones"]![0]!["id"]!.GetValue<string>()}";
    }

    private async Task<(string Id, string Secret)> Key(string role)
    {
        var issued = await (await api.As(Caller.Admin).Post("/api/api-keys", new { name = "to revoke", role, organisation = "Test org" })).Expect(HttpStatusCode.Created);
        return (issued["keyId"]!.GetValue<string>(), issued["secret"]!.GetValue<string>());
    }
}
