using System.Diagnostics;
using System.Globalization;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Npgsql;

namespace CommitmentTracker.Generator;

/// <summary>
/// How long one write takes with this many events in the store: single progress reports through the API's own write
/// path (StreamWrites: row lock, decide, append, inline projection), one after another.
/// </summary>
public sealed class LatencyProbe(IDocumentStore store, int seed, string? output)
{
    public static readonly long[] Checkpoints = [10_000, 100_000, 1_000_000];
    private const int Warmup = 20;
    private const int Writes = 200;

    public async Task RunAsync(long checkpoint, long eventsInStore, CancellationToken ct)
    {
        var ids = await Targets(checkpoint, ct);
        if (ids.Count == 0) return;
        var writes = new StreamWrites(new GeneratorSessions(store));
        var rng = Dataset.Rng(seed, 4, checkpoint);
        var times = new List<double>(Writes);
        for (var i = 0; i < Warmup + Writes; i++)
        {
            var id = ids[rng.Next(ids.Count)];
            var report = new ReportMilestoneProgress(rng.Next(1, 100), null, "latency probe", null);
            var at = Stories.At(Dataset.Today, 18);
            var clock = Stopwatch.StartNew();
            await writes.Append<Commitment>("Commitment", id, null, s => ReportMilestoneProgress.Decide(s, new($"{id}-M1", report, "key:generator", at)), ct);
            if (i >= Warmup) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{checkpoint}\t{eventsInStore}\t{times.Count}\t{P(0.5):F2}\t{P(0.95):F2}\t{P(0.99):F2}\t{times.Average():F2}");
        Console.Error.WriteLine($"\nappend latency at {eventsInStore:N0} events: p50 {P(0.5):F2} ms, p95 {P(0.95):F2} ms, p99 {P(0.99):F2} ms");
        if (output is not null) await File.AppendAllTextAsync(output, line + "\n", ct);
    }

    /// <summary>Commitments not withdrawn, in an order fixed by the seed.</summary>
    private async Task<List<string>> Targets(long checkpoint, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select id from {StorageNames.Table<Commitment>(store)} where data ->> 'Withdrawn' = 'false' order by md5(id || @salt) limit 500", connection);
        command.Parameters.AddWithValue("salt", $"{seed}:{checkpoint}");
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
        return ids;
    }
}
