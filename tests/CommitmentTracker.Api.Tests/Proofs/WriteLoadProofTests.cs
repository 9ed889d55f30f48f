using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Http;
using Xunit.Abstractions;

namespace CommitmentTracker.Api.Tests.Proofs;

/// <summary>
/// Proof 1, no write lost under contention: many writers report progress on the same milestone at once. Every answer is
/// 2xx or 409, every 2xx is one stored event (found by its note) and no event is stored without a 2xx, and the read
/// model equals a fold of the stored events.
/// </summary>
public sealed class WriteLoadProofTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private const string ProgressEvent = "milestone_progress_reported";

    private sealed record Tally(string Variant, int Writers, int Requests, int Ok, int Conflicts, int Events, int Lost)
    {
        public override string ToString() =>
            $"PROOF concurrency variant={Variant} writers={Writers} requests={Requests} 2xx={Ok} 409={Conflicts} events={Events} lost={Lost}";
    }

    [Fact]
    public async Task Writers_without_if_match_all_land()
    {
        var (id, milestone) = await Milestone("GE");
        var answers = await Task.WhenAll(Enumerable.Range(0, ProofSize.Writers).Select(w => Report(id, milestone, $"w{w}", etag: null)));

        var tally = await Check("no-if-match", id, answers);
        Assert.Equal(ProofSize.Writers, tally.Ok); // the row lock queues them: none needs to retry
    }

    [Fact]
    public async Task Writers_with_the_same_if_match_one_lands_the_rest_get_409()
    {
        var (id, milestone) = await Milestone("AM");
        var etag = await ETag(id);
        var answers = await Task.WhenAll(Enumerable.Range(0, ProofSize.Writers).Select(w => Report(id, milestone, $"w{w}", etag)));

        var tally = await Check("same-if-match", id, answers);
        Assert.Equal(1, tally.Ok);
        Assert.Equal(ProofSize.Writers - 1, tally.Conflicts);
    }

    [Fact]
    public async Task Writers_that_reread_and_retry_on_409_all_land()
    {
        var (id, milestone) = await Milestone("UA");
        var answers = await Task.WhenAll(Enumerable.Range(0, ProofSize.Writers).Select(async w =>
        {
            var mine = new List<(HttpStatusCode, string)>();
            for (var attempt = 0; ; attempt++)
            {
                var answer = await Report(id, milestone, $"w{w}-a{attempt}", await ETag(id));
                mine.Add(answer);
                if (answer.Item1 != HttpStatusCode.Conflict || attempt >= 10 * ProofSize.Writers) return mine;
                await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 20) * 5)); // jittered backoff
            }
        }));

        var tally = await Check("reread-and-retry", id, answers.SelectMany(a => a).ToArray());
        Assert.Equal(ProofSize.Writers, tally.Ok);
    }

    private async Task<(string Id, string Milestone)> Milestone(string member)
    {
        var id = await api.MadeCommitment(member);
        var added = await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        return (id, added["milestones"]![0]!["id"]!.GetValue<string>());
    }

    private async Task<string> ETag(string id) => (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Headers.ETag!.Tag;

    /// <summary>One progress report whose note names the writer and attempt, so the stored event can be found again.</summary>
    private async Task<(HttpStatusCode Status, string Note)> Report(string id, string milestone, string note, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/commitments/{id}/milestones/{milestone}/progress")
            { Content = JsonContent.Create(new { percent = Math.Abs(note.GetHashCode()) % 100, note }) };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await api.As(Caller.Admin).Send(request);
        return (response.StatusCode, note);
    }

    private async Task<Tally> Check(string variant, string id, (HttpStatusCode Status, string Note)[] answers)
    {
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{a.Note}: {(int)a.Status}"));

        await using var session = api.Store.QuerySession();
        var stored = (await session.Events.FetchStreamAsync(id)).Where(e => e.EventTypeName == ProgressEvent)
            .Select(e => ((MilestoneProgressReported)e.Data).Note!).ToList();
        var acknowledged = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Note).ToList();
        var tally = new Tally(variant, answers.Select(a => a.Note.Split('-')[0]).Distinct().Count(), answers.Length, acknowledged.Count,
            answers.Count(a => a.Status == HttpStatusCode.Conflict), stored.Count, acknowledged.Except(stored).Count());
        output.WriteLine(tally.ToString());

        Assert.Equal(acknowledged.Order(), stored.Order()); // events = 2xx, by note: nothing lost, nothing unacknowledged
        Assert.Equal(0, tally.Lost);
        await ReadModelIsTheFold(session, id);
        return tally;
    }

    private async Task ReadModelIsTheFold(Marten.IQuerySession session, string id)
    {
        var folded = await session.Events.AggregateStreamAsync<Commitment>(id);
        var snapshot = await session.LoadAsync<Commitment>(id);
        var serializer = api.Store.Options.Serializer();
        Assert.Equal(serializer.ToJson(folded), serializer.ToJson(snapshot));

        var options = new JsonSerializerOptions();
        HttpConventions.Configure(options);
        var expected = JsonSerializer.SerializeToNode(CommitmentResponse.From(folded!, [], [], DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime)), options);
        var served = await (await api.As(Caller.Anonymous).Get($"/api/commitments/{id}")).Json();
        Assert.True(JsonNode.DeepEquals(expected, served), $"GET differs from the fold:\n{served}\n{expected}");
    }
}
