using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Features.Commitments;
using Marten;
using Xunit.Abstractions;

namespace CommitmentTracker.Api.Tests.Proofs;

// HttpClient, not Alba: the fault proof needs a client timeout and concurrent requests in flight while PostgreSQL is killed, which Alba's one-scenario-at-a-time runner does not give.

/// <summary>
/// Proof 2, no acknowledged write lost to a database crash: under a steady write load PostgreSQL is stopped with
/// <c>pg_ctl stop -m immediate</c> and started again. Meanwhile writes fail fast with 503 problems, the service stays
/// up and recovers by itself, and every write answered 2xx before, during or after is found afterwards by its id. Clients
/// retry a 503 with the same Idempotency-Key, and no write is applied twice.
/// </summary>
public sealed class PostgresRestartProofTests(OwnPostgresApi api, ITestOutputHelper output)
    : IClassFixture<OwnPostgresApi>
{
    /// <summary>No request hangs on the dead database (Npgsql's pool waits 15 s, a client 30 s): each fails within this.</summary>
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(ProofSize.FailFastSeconds);

    private sealed record Writer(int Index, string Plan, string Commitment, string Milestone);

    /// <summary>One write: what it made (a commitment id, or a progress note), its status and how long it took.</summary>
    private sealed record Sent(string Kind, string Stream, string Id, string RequestId, HttpStatusCode Status, string? ContentType, string? RetryAfter, TimeSpan Latency, TimeSpan At);

    [Fact]
    public async Task Every_acknowledged_write_survives_an_immediate_stop_and_restart()
    {
        var writers = await Task.WhenAll(Enumerable.Range(0, ProofSize.FaultWriters).Select(Prepare));
        var clock = Stopwatch.StartNew();
        var sent = new ConcurrentQueue<Sent>();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(writers.Select(w => Task.Run(() => Load(w, clock, sent, stop.Token))));

        await Task.Delay(TimeSpan.FromSeconds(1));
        PostgresServer.Local("crash", api.DataDir);
        var crashedAt = clock.Elapsed; // pg_ctl stop -m immediate -w has returned: the server is gone
        await Task.Delay(TimeSpan.FromSeconds(ProofSize.FaultSeconds));
        var restartedAt = clock.Elapsed;
        Assert.Equal(api.Connection, Restart()); // the same data dir and port, reused
        var upAt = clock.Elapsed; // pg_ctl start -w returns once PostgreSQL accepts connections (after crash recovery)
        var readyAt = await Ready(clock);
        await Task.Delay(TimeSpan.FromSeconds(1));
        stop.Cancel();
        await load;

        var all = sent.ToArray();
        // A retry whose first attempt committed but could not keep its response meets its own key: 409, outcome unknown.
        var unknown = all.Where(s => s.Status == HttpStatusCode.Conflict && all.Count(r => r.RequestId == s.RequestId) > 1).ToArray();
        var unexpected = all.Where(s => !IsSuccess(s.Status) && s.Status != HttpStatusCode.ServiceUnavailable).Except(unknown).ToArray();
        Assert.True(unexpected.Length == 0, "only 2xx or 503: " + string.Join(", ", unexpected.Select(s => $"{s.Kind} {(int)s.Status}").Distinct()));
        var unavailable = all.Where(s => s.Status == HttpStatusCode.ServiceUnavailable).ToArray();
        Assert.All(unavailable, s => Assert.Equal("application/problem+json", s.ContentType));
        // The README's "503 problem with Retry-After". Caught when tried: ProblemExceptionHandler sending "3".
        Assert.All(unavailable, s => Assert.Equal("2", s.RetryAfter));
        Assert.NotEmpty(unavailable); // the outage was seen
        var acknowledged = all.Where(s => IsSuccess(s.Status)).ToArray();
        var firstOkAfterRestart = acknowledged.Where(s => s.At > restartedAt).Min(s => (TimeSpan?)(s.At + s.Latency));
        Assert.NotNull(firstOkAfterRestart); // it recovered by itself

        var lost = await Missing(acknowledged);
        var (duplicated, stored) = await Stored(writers);
        output.WriteLine($"PROOF fault writers={writers.Length} writes={all.Select(s => s.RequestId).Distinct().Count()} requests={all.Length} " +
                         $"2xx={acknowledged.Length} 503={unavailable.Length} unknown={unknown.Length} unknown_stored={unknown.Count(u => stored.Contains(u.RequestId))} " +
                         $"2xx_before={acknowledged.Count(s => s.At < crashedAt)} 2xx_during={acknowledged.Count(s => s.At >= crashedAt && s.At < restartedAt)} " +
                         $"2xx_after={acknowledged.Count(s => s.At >= restartedAt)} down_s={(restartedAt - crashedAt).TotalSeconds:F1} " +
                         $"pg_start_s={(upAt - restartedAt).TotalSeconds:F1} ready_after_pg_s={(readyAt - upAt).TotalSeconds:F1} " +
                         $"first_2xx_after_restart_s={(firstOkAfterRestart!.Value - restartedAt).TotalSeconds:F1} " +
                         $"max_503_latency_ms={unavailable.Max(s => s.Latency.TotalMilliseconds):F0} max_2xx_latency_ms={acknowledged.Max(s => s.Latency.TotalMilliseconds):F0} lost={lost.Count} duplicated={duplicated.Count}");
        // Refusals are fast; a write that waited for crash recovery and then landed may take longer, and that is fine.
        Assert.All(unavailable, s => Assert.True(s.Latency < FailFast, $"a 503 for {s.Kind} took {s.Latency}"));
        Assert.Empty(lost);
        Assert.Empty(duplicated); // retried with the same Idempotency-Key: applied at most once
        // "still processing" on a retry means the first attempt committed but its answer was lost: stored, once
        Assert.All(unknown, u => Assert.Contains(u.RequestId, stored));
        Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/live")).StatusCode);
    }

    /// <summary>
    /// Starts the crashed server again. On a loaded machine pg_ctl has been seen to report failure for a server that came up
    /// (its log says ready), so a failed start is checked once more: start on a running server just prints its address.
    /// </summary>
    private string Restart()
    {
        try { return PostgresServer.Local("start", api.DataDir, OwnPostgresApi.PortFrom); }
        catch (InvalidOperationException first)
        {
            output.WriteLine("pg_ctl start reported a failure; checking again: " + first.Message.Split('\n')[0]);
            return PostgresServer.Local("start", api.DataDir, OwnPostgresApi.PortFrom);
        }
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private async Task<Writer> Prepare(int index)
    {
        var member = $"{(char)('A' + index / 26)}{(char)('A' + index % 26)}";
        var plan = await api.OpenPlan(member);
        var made = await (await api.Admin().PostJson($"/api/action-plans/{plan}/commitments", Given.Commitment())).Expect(HttpStatusCode.Created);
        var id = made["id"]!.GetValue<string>();
        var added = await (await api.Admin().PostJson($"/api/commitments/{id}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        return new Writer(index, plan, id, added["milestones"]![0]!["id"]!.GetValue<string>());
    }

    /// <summary>
    /// A steady writer: alternately makes a commitment (the server's id) and reports progress, each write tagged with its
    /// own request id (in the note or the description) and sent with it as Idempotency-Key. A 503 is retried with the same
    /// key, as a careful client would, until it lands or the run ends.
    /// </summary>
    private async Task Load(Writer w, Stopwatch clock, ConcurrentQueue<Sent> sent, CancellationToken stop)
    {
        using var client = api.Admin();
        client.Timeout = TimeSpan.FromSeconds(30);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var requestId = $"fault-w{w.Index}-{n}";
            var makes = n % 2 == 0;
            for (var landed = false; !landed && !stop.IsCancellationRequested;)
            {
                var at = clock.Elapsed;
                var request = new HttpRequestMessage(HttpMethod.Post, makes
                    ? $"/api/action-plans/{w.Plan}/commitments"
                    : $"/api/commitments/{w.Commitment}/milestones/{w.Milestone}/progress")
                {
                    Content = System.Net.Http.Json.JsonContent.Create(makes
                        ? Given.Commitment(description: new() { ["en"] = requestId })
                        : new { percent = n % 100, note = requestId }),
                };
                request.Headers.Add("X-Request-ID", requestId);
                request.Headers.Add("Idempotency-Key", requestId);
                var response = await client.SendAsync(request, CancellationToken.None);
                var latency = clock.Elapsed - at;
                landed = IsSuccess(response.StatusCode);
                var id = makes && landed ? (await response.Json())["id"]!.GetValue<string>() : requestId;
                sent.Enqueue(new Sent(makes ? "make" : "progress", makes ? id : w.Commitment, id, requestId, response.StatusCode,
                    response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter?.ToString(), latency, at));
                if (response.StatusCode == HttpStatusCode.Conflict) break; // the key's first attempt is "still processing": outcome unknown
                if (!landed) await Task.Delay(50, CancellationToken.None); // back off a little, then retry with the same key
            }
        }
    }

    /// <summary>
    /// The request ids the store holds (progress notes, and the description of each commitment made), and those it holds
    /// more than once: a write applied twice.
    /// </summary>
    private async Task<(List<string> Duplicated, HashSet<string> Stored)> Stored(Writer[] writers)
    {
        await using var session = api.Store.QuerySession();
        var ids = new List<string>();
        foreach (var w in writers)
        {
            ids.AddRange((await session.Events.FetchStreamAsync(w.Commitment)).Select(e => e.Data).OfType<MilestoneProgressReported>().Select(e => e.Note ?? ""));
            ids.AddRange((await session.Query<Commitment>().Where(c => c.PlanId == w.Plan).ToListAsync()).Select(c => c.Description?.GetValueOrDefault("en") ?? ""));
        }
        ids.RemoveAll(id => !id.StartsWith("fault-", StringComparison.Ordinal)); // the setup's own commitments and notes
        return (ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList(), ids.ToHashSet());
    }

    private async Task<TimeSpan> Ready(Stopwatch clock)
    {
        var giveUp = clock.Elapsed + TimeSpan.FromSeconds(60);
        while (clock.Elapsed < giveUp)
        {
            if ((await api.Anonymous().GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return clock.Elapsed;
            await Task.Delay(100);
        }
        throw new TimeoutException("/health/ready did not answer 200 within 60 s of the restart");
    }

    /// <summary>The acknowledged writes the store does not hold: each made commitment by id, each progress report by its note.</summary>
    private async Task<List<string>> Missing(Sent[] acknowledged)
    {
        await using var session = api.Store.QuerySession();
        var made = acknowledged.Where(s => s.Kind == "make").Select(s => s.Id).ToArray();
        var found = (await session.Query<Commitment>().Where(c => c.Id.IsOneOf(made)).Select(c => c.Id).ToListAsync()).ToHashSet();
        var missing = made.Where(id => !found.Contains(id)).ToList();
        foreach (var stream in acknowledged.Where(s => s.Kind == "progress").GroupBy(s => s.Stream))
        {
            var notes = (await session.Events.FetchStreamAsync(stream.Key)).Select(e => e.Data).OfType<MilestoneProgressReported>()
                .Select(e => e.Note).ToHashSet();
            missing.AddRange(stream.Select(s => s.Id).Where(note => !notes.Contains(note)));
        }
        foreach (var id in made.Take(20)) // and a sample read back over HTTP, as a client would
            Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync($"/api/commitments/{id}")).StatusCode);
        return missing;
    }
}
