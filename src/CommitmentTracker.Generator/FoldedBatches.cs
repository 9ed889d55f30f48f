using System.Diagnostics;
using System.Threading.Channels;
using Marten;

namespace CommitmentTracker.Generator;

/// <summary>Rows of one read model's table, ready for one COPY.</summary>
public sealed record FoldedBatch(ReadModelTable Table, IReadOnlyList<object?[]> Rows);

/// <summary>What the fold saw: events read, the last sequence number among them, documents per read model.</summary>
public sealed record FoldTotals(long Events, long LastSequence, IReadOnlyDictionary<Type, int> Documents);

/// <summary>
/// Reads every stream once and folds it into each read model that takes its events (a commitment stream feeds both the
/// commitment and its search words), handing the rows on in batches; the channel's bound keeps memory flat. The rows
/// are serialized here, so the writer only streams them and PostgreSQL's COPY seldom waits on dotnet.
/// </summary>
public static class FoldedBatches
{
    private const int BatchSize = 500;

    public static async Task<FoldTotals> ProduceAsync(
        IDocumentStore store, IReadOnlyList<(IReadModelFold Fold, ReadModelTable Table)> readModels, ChannelWriter<FoldedBatch> output, CancellationToken ct)
    {
        await using var reading = store.QuerySession();
        // The aggregators get a session of their own: the reading one is busy streaming rows.
        await using var folding = store.QuerySession();
        var pending = readModels.Select(_ => new List<object?[]>(BatchSize)).ToArray();
        var documents = readModels.ToDictionary(m => m.Fold.DocumentType, _ => 0);
        long events = 0, lastSequence = 0;
        var clock = Stopwatch.StartNew();
        var reported = TimeSpan.Zero;

        await foreach (var stream in EventStreams.ReadAsync(reading, ct))
        {
            events += stream.Count;
            lastSequence = Math.Max(lastSequence, stream.Max(e => e.Sequence));
            for (var i = 0; i < readModels.Count; i++)
            {
                var (fold, table) = readModels[i];
                if (await fold.FoldAsync(stream, folding, ct) is not { } document) continue;
                pending[i].Add(table.Row(document));
                documents[fold.DocumentType]++;
                if (pending[i].Count < BatchSize) continue;
                await output.WriteAsync(new FoldedBatch(table, pending[i]), ct);
                pending[i] = new List<object?[]>(BatchSize);
            }
            if (clock.Elapsed - reported >= TimeSpan.FromSeconds(5))
            {
                reported = clock.Elapsed;
                Console.Error.WriteLine($"folded {events:N0} events into {documents.Values.Sum():N0} documents ({events / reported.TotalSeconds:N0} events/s)");
            }
        }
        for (var i = 0; i < readModels.Count; i++)
            if (pending[i].Count > 0) await output.WriteAsync(new FoldedBatch(readModels[i].Table, pending[i]), ct);
        return new FoldTotals(events, lastSequence, documents);
    }
}
