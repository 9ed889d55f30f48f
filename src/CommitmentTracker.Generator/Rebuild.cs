using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;

namespace CommitmentTracker.Generator;

/// <summary>
/// Rebuilds every read model from the events in one pass and prints the rate as JSON on stdout. Each stream is read
/// once, folded whole by Marten's aggregators and each document written once, by COPY into the emptied tables;
/// reading and folding (dotnet) overlap writing (PostgreSQL). All of it is one transaction: a failed rebuild (or a
/// changed commitment count) leaves the read models as they were.
/// </summary>
public sealed class Rebuild(DocumentStore store)
{
    public async Task RunAsync(CancellationToken ct)
    {
        // Every inline projection the store registers (each slice's storage), so a new read model needs no line here.
        var folds = store.Options.Projections.All.Where(p => p.Lifecycle == ProjectionLifecycle.Inline)
            .SelectMany(p => p.PublishedTypes())
            .Select(type => (IReadModelFold)Activator.CreateInstance(typeof(ReadModelFold<>).MakeGenericType(type), store.Options)!)
            .ToArray();
        var readModels = folds.Select(f => (Fold: f, Table: ReadModelTable.For(store, f.DocumentType))).ToList();
        var tables = readModels.Select(m => m.Table).ToList();
        var phases = new Dictionary<string, double>();

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var events = await Scalar(connection, $"select count(*) from {EventTableNames.Of(store).Table}", ct);
        var commitmentsBefore = await Scalar(connection, $"select count(*) from {StorageNames.Table<Commitment>(store)}", ct);

        var total = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var table in tables) await table.CheckColumnsAsync(connection, ct);
        await Execute(connection, $"truncate {string.Join(", ", tables.Select(t => t.QualifiedName))}", ct);
        var indexes = await SecondaryIndexes.DropAsync(connection, tables.Select(t => t.QualifiedName), ct);
        phases["Prepare"] = total.Elapsed.TotalSeconds;

        var (folded, copySeconds) = await LoadAsync(readModels, connection, ct);
        phases["ReadFoldCopy"] = total.Elapsed.TotalSeconds - phases["Prepare"];
        foreach (var (table, seconds) in copySeconds) phases[$"Copy{table.DocumentType.Name}"] = seconds;

        var clock = Stopwatch.StartNew();
        await indexes.CreateAsync(connection, ct);
        phases["Indexes"] = clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"built {indexes.Count} secondary indexes in {clock.Elapsed.TotalSeconds:F1} s");

        var marks = await ProjectionMarks.CatchUpAsync(connection, store.Options.Events.DatabaseSchemaName, folds.Select(f => f.ProjectionName), folded.LastSequence, ct);
        if (marks > 0) Console.Error.WriteLine($"moved {marks} projection progress rows to sequence {folded.LastSequence:N0}");
        var commitmentsAfter = await Scalar(connection, $"select count(*) from {StorageNames.Table<Commitment>(store)}", ct);
        if (commitmentsAfter != commitmentsBefore)
            throw new InvalidOperationException($"Rebuild changed the commitment count: {commitmentsBefore} before, {commitmentsAfter} after; rolled back.");
        clock.Restart();
        await transaction.CommitAsync(ct);
        phases["Commit"] = clock.Elapsed.TotalSeconds;

        var secondsTotal = total.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"rebuilt {string.Join(", ", folded.Documents.Select(d => $"{d.Value:N0} {d.Key.Name}"))} from {folded.Events:N0} events in {secondsTotal:F1} s");
        var parts = phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"\"{p.Key}\":{p.Value:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"events\":{events},\"seconds\":{secondsTotal:F2},\"eventsPerSecond\":{events / secondsTotal:F0},\"commitments\":{commitmentsAfter},\"projections\":{{{string.Join(',', parts)}}}}}"));
    }

    /// <summary>Folding and copying run side by side with a bounded channel between them; a failure of either stops both.</summary>
    private async Task<(FoldTotals, Dictionary<ReadModelTable, double>)> LoadAsync(
        IReadOnlyList<(IReadModelFold Fold, ReadModelTable Table)> readModels, NpgsqlConnection connection, CancellationToken ct)
    {
        var batches = Channel.CreateBounded<FoldedBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var copySeconds = readModels.ToDictionary(m => m.Table, _ => 0.0);

        var producing = Task.Run(async () =>
        {
            try { return await FoldedBatches.ProduceAsync(store, readModels, batches.Writer, stop.Token); }
            catch { await stop.CancelAsync(); throw; }
            finally { batches.Writer.TryComplete(); }
        }, CancellationToken.None);
        var copying = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
                {
                    var started = Stopwatch.GetTimestamp();
                    await batch.Table.CopyAsync(connection, batch.Rows, stop.Token);
                    copySeconds[batch.Table] += Stopwatch.GetElapsedTime(started).TotalSeconds;
                }
            }
            catch { await stop.CancelAsync(); throw; }
        }, CancellationToken.None);

        try { await Task.WhenAll(producing, copying); }
        catch
        {
            // Report the cause, not the cancellation it caused in the other task.
            var failures = new[] { producing, copying }.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).ToList();
            if (failures.FirstOrDefault(e => e is not OperationCanceledException) is { } cause) ExceptionDispatchInfo.Throw(cause);
            throw;
        }
        return (producing.Result, copySeconds);
    }

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
