using System.Net;
using System.Text.Json.Nodes;
using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Features.Commitments;
using Marten.Services;
using Npgsql;

namespace CommitmentTracker.Api.Tests.Features.Commitments.Stats;

/// <summary>Runs of the stats aggregate (CommitmentStats), told apart from the cheap freshness query by its SQL.</summary>
file static class Aggregates
{
    public static int Ran(this ApiFactory api) => api.Sql.CountOf("count(*) as n, sum(c.progress)");

    public static async Task<Dictionary<string, int>> ByCompletion(this ApiFactory api)
    {
        var rows = await (await api.As(Caller.Anonymous).Get("/api/commitments/stats?groupBy=Completion")).Expect(HttpStatusCode.OK);
        return rows.AsArray().ToDictionary(r => r!["key"]!.GetValue<string>(), r => r!["count"]!.GetValue<int>());
    }

    /// <summary>The same counts, computed from the list instead.</summary>
    public static async Task<Dictionary<string, int>> ByCompletionFromList(this ApiFactory api)
    {
        var list = await (await api.As(Caller.Anonymous).Get("/api/commitments?pageSize=200")).Expect(HttpStatusCode.OK);
        return list["items"]!.AsArray().GroupBy(c => c!["completion"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
    }
}

public sealed class CommitmentStatsCacheTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>A fragment of the freshness query (EventsMark), alone or inside the aggregate.</summary>
    private const string MarkRead = "order by seq_id desc limit";

    [Fact]
    public async Task A_repeated_request_is_served_from_the_cache_and_the_next_one_after_a_write_is_exact()
    {
        var ids = new[] { await api.MadeCommitment("GE"), await api.MadeCommitment("GE"), await api.MadeCommitment("AM") };

        var ran = api.Ran();
        var first = await api.ByCompletion();
        Assert.Equal(ran + 1, api.Ran());
        Assert.Equal(first, await api.ByCompletion());
        var viaGraphQL = await api.As(Caller.Anonymous).GraphQL("{ commitmentStats(groupBy: Completion) { key count } }");
        Assert.Equal(first.Values.Sum(), viaGraphQL["commitmentStats"]!.AsArray().Sum(r => r!["count"]!.GetValue<int>()));
        Assert.Equal(ran + 1, api.Ran()); // REST and GraphQL share the one cached result
        Assert.Equal(await api.ByCompletionFromList(), first);

        await (await api.As(Caller.Admin).Post($"/api/commitments/{ids[0]}/completion", new { completion = "Substantial", reason = "report" })).Expect(HttpStatusCode.OK);
        var changed = await api.ByCompletion();
        Assert.Equal(ran + 2, api.Ran());
        Assert.Equal(first.GetValueOrDefault("Substantial") + 1, changed["Substantial"]);
        Assert.Equal(await api.ByCompletionFromList(), changed);

        await api.MadeCommitment("UA");
        var grown = await api.ByCompletion();
        Assert.Equal(changed.Values.Sum() + 1, grown.Values.Sum());
        Assert.Equal(await api.ByCompletionFromList(), grown);
    }

    [Fact]
    public async Task Concurrent_identical_misses_run_the_aggregate_once()
    {
        await api.MadeCommitment("GE");
        await api.ByCompletion();
        await api.MadeCommitment("GE"); // the cached result is stale now: each request below reads the mark and misses
        var ran = api.Ran();
        var marks = api.Sql.CountOf(MarkRead);
        // The lock holds the aggregate back until all eight requests have missed; the freshness query reads only mt_events.
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand($"lock table {api.Schema}.mt_doc_commitment in access exclusive mode", connection, transaction))
            await lockTable.ExecuteNonQueryAsync();
        var requests = Enumerable.Range(0, 8).Select(_ => api.ByCompletion()).ToArray();
        // Eight mark reads, none matching the stale entry: all eight have missed, one holds the gate (its aggregate, which
        // embeds the mark, is logged only once the lock lets it finish) and seven wait behind it. Caught when tried:
        // MarkedResults without its gate (the aggregate ran 8 times).
        await Eventually.Holds(() => api.Sql.CountOf(MarkRead) >= marks + 8, TimeSpan.FromSeconds(60));
        Assert.Equal(ran, api.Ran());
        await transaction.CommitAsync();
        var all = await Task.WhenAll(requests);
        Assert.Equal(ran + 1, api.Ran());
        Assert.All(all, counts => Assert.Equal(all[0], counts));
    }

    [Fact]
    public async Task An_event_that_commits_late_below_the_highest_number_still_invalidates()
    {
        var late = await api.MadeCommitment("MD");
        var other = await api.MadeCommitment("MD");

        // Draw a sequence number, project it inline, and hold the transaction open.
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var session = api.Store.LightweightSession(SessionOptions.ForTransaction(transaction)))
        {
            session.Events.Append(late, new CommitmentCompletionChanged(late, Completion.NotStarted, Completion.Complete, "late", [], "tester", api.Clock.Now));
            await session.SaveChangesAsync();
        }
        // A later number commits first, and the stats are cached without the open transaction's event.
        await (await api.As(Caller.Admin).Post($"/api/commitments/{other}/completion", new { completion = "Limited", reason = "report" })).Expect(HttpStatusCode.OK);
        var before = await api.ByCompletion();
        Assert.Equal(before, await api.ByCompletion());
        Assert.Equal(await api.ByCompletionFromList(), before);

        await transaction.CommitAsync();
        var after = await api.ByCompletion();
        Assert.Equal(before.GetValueOrDefault("Complete") + 1, after["Complete"]);
        Assert.Equal(await api.ByCompletionFromList(), after);
    }
}

public sealed class StatsCacheOffTests(ResultCacheOffFactory api) : IClassFixture<ResultCacheOffFactory>
{
    [Fact]
    public async Task With_the_cache_off_every_request_runs_the_aggregate()
    {
        await api.MadeCommitment("GE");
        var ran = api.Ran();
        Assert.Equal(await api.ByCompletion(), await api.ByCompletion());
        Assert.Equal(ran + 2, api.Ran());
    }
}
