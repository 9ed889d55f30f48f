using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Trust;

public sealed class IdempotencyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private Scenarios AdminWith(string key)
    {
        var client = api.As(Caller.Admin).With("Idempotency-Key", key);
        return client;
    }

    [Fact]
    public async Task A_retried_write_returns_the_first_response_and_appends_nothing()
    {
        var plan = await api.OpenPlan("GE");
        var key = Guid.NewGuid().ToString();
        var before = await api.EventCount();

        var first = await AdminWith(key).Post($"/api/action-plans/{plan}/commitments", Given.Commitment());
        var firstBody = await (first).Expect(HttpStatusCode.Created);
        var retry = await AdminWith(key).Post($"/api/action-plans/{plan}/commitments", Given.Commitment());
        var retryBody = await retry.Expect(HttpStatusCode.Created);

        Assert.Equal(before + 1, await api.EventCount());
        Assert.Equal(firstBody.ToJsonString(), retryBody.ToJsonString());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task The_same_key_for_a_different_request_is_422_and_writes_nothing()
    {
        var plan = await api.OpenPlan("GE");
        var key = Guid.NewGuid().ToString();
        await (await AdminWith(key).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);
        var before = await api.EventCount();

        var other = Given.Commitment(title: new Dictionary<string, string> { ["en"] = "A different commitment" });
        var problem = await (await AdminWith(key).Post($"/api/action-plans/{plan}/commitments", other)).Expect(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("Idempotency-Key", problem.ErrorFields());
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task Racing_retries_with_one_key_append_exactly_once()
    {
        var plan = await api.OpenPlan("GE");
        await (await AdminWith(Guid.NewGuid().ToString()).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);
        var key = Guid.NewGuid().ToString();
        var before = await api.EventCount();

        // Both retries must be past the "seen this key?" check, inside their write, before either commits: hold the
        // idempotency table so both block on their insert, and let go only once PostgreSQL shows both waiting.
        Reply[] responses;
        await using (var held = await HeldTable.Lock(api, api.Store.Options.FindOrResolveDocumentType(
                                         typeof(CommitmentTracker.Infrastructure.Idempotency.IdempotentRequest)).TableName.QualifiedName))
        {
            var racing = Enumerable.Range(0, 2).Select(_ => AdminWith(key).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).ToArray();
            await held.UntilWaiting(2);
            await held.Release();
            responses = await Task.WhenAll(racing);
        }

        Assert.Equal(before + 1, await api.EventCount());
        var first = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains("Idempotent-Replayed"));
        var loser = Assert.Single(responses, r => r != first);
        if (loser.StatusCode == HttpStatusCode.Created)
        {
            Assert.Equal("true", loser.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(first.Headers.Location, loser.Headers.Location);
        }
        else
        {
            // The loser met the winner's record before the winner kept its response (README: Retry-After: 1).
            Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), loser.Headers.RetryAfter?.Delta);
        }
    }

    [Fact]
    public async Task A_refused_request_keeps_no_record_so_the_corrected_one_may_reuse_the_key()
    {
        var plan = await api.OpenPlan("GE");
        var key = Guid.NewGuid().ToString();
        await (await AdminWith(key).Post($"/api/action-plans/{plan}/commitments", new { title = new { en = "x" }, policyAreas = new[] { "Sports" } }))
            .Expect(HttpStatusCode.BadRequest);
        await (await AdminWith(key).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        var plan = await api.OpenPlan("AM");
        var poc = await api.Key("poc", "AM");
        var key = Guid.NewGuid().ToString();
        var before = await api.EventCount();
        await (await AdminWith(key).Post($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);

        var other = api.As(Caller.Key(poc)).With("Idempotency-Key", key);
        var second = await other.Post($"/api/action-plans/{plan}/commitments", Given.Commitment());
        await second.Expect(HttpStatusCode.Created);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(before + 2, await api.EventCount());
    }

    [Fact]
    public async Task An_unusable_key_is_a_field_error()
    {
        var problem = await (await AdminWith(new string('k', 201)).Post("/api/members", Given.Member("UA"))).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("Idempotency-Key", problem.ErrorFields());
    }

    [Theory]
    [InlineData(5, "The same request is still being processed.", true)]
    [InlineData(60, "Already applied.", false)]
    public async Task A_key_whose_write_committed_without_a_kept_response_is_in_progress_then_reported_applied(int secondsAgo, string title, bool retryAfter)
    {
        await api.RegisteredMember("UA");
        var key = Guid.NewGuid().ToString();
        var body = System.Text.Encoding.UTF8.GetBytes(Http.Serialize(Given.Plan("UA")));
        // What a crash between the write's commit and keeping its response leaves behind.
        var actor = "key:" + CommitmentTracker.Infrastructure.Auth.ApiKey.Hash(ApiFactory.AdminKey)[..12];
        await using (var session = api.Store.LightweightSession())
        {
            session.Store(new CommitmentTracker.Infrastructure.Idempotency.IdempotentRequest(
                CommitmentTracker.Infrastructure.Idempotency.IdempotentRequest.IdFor(actor, key), actor,
                CommitmentTracker.Infrastructure.Idempotency.IdempotentRequest.FingerprintOf("POST", "/api/action-plans", body),
                api.Clock.GetUtcNow().AddSeconds(-secondsAgo)));
            await session.SaveChangesAsync();
        }
        var before = await api.EventCount();

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        var response = await AdminWith(key).Post("/api/action-plans", content);

        var problem = await response.Expect(HttpStatusCode.Conflict);
        Assert.Equal(title, problem["title"]!.GetValue<string>());
        Assert.Equal(retryAfter, response.Headers.RetryAfter is not null);
        Assert.Equal(before, await api.EventCount());
    }
}
