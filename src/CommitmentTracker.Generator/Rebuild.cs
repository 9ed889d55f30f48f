using System.Diagnostics;
using System.Globalization;
using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using Marten;
using Npgsql;

namespace CommitmentTracker.Generator;

/// <summary>Rebuilds every read model from the events with Marten's projection daemon and prints the rate as JSON on stdout.</summary>
public sealed class Rebuild(IDocumentStore store, GeneratorOptions options)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var events = await Scalar(connection, "select count(*) from {0}.mt_events", ct);
        var commitmentsBefore = await Scalar(connection, "select count(*) from {0}.mt_doc_commitment", ct);

        using var daemon = await store.BuildProjectionDaemonAsync();
        var total = Stopwatch.StartNew();
        // The read models are independent, so they are rebuilt at once: PostgreSQL's writes for one overlap the event
        // reads and folding of another, on both cores.
        var parts = await Task.WhenAll(new (string, Func<Task>)[]
        {
            ("Member", () => daemon.RebuildProjectionAsync<Member>(TimeSpan.FromMinutes(30), ct)),
            ("ActionPlan", () => daemon.RebuildProjectionAsync<ActionPlan>(TimeSpan.FromMinutes(30), ct)),
            ("Commitment", () => daemon.RebuildProjectionAsync<Commitment>(TimeSpan.FromMinutes(30), ct)),
            ("CommitmentSearch", () => daemon.RebuildProjectionAsync<CommitmentSearch>(TimeSpan.FromMinutes(30), ct)),
            ("CsoAssessment", () => daemon.RebuildProjectionAsync<CsoAssessment>(TimeSpan.FromMinutes(30), ct)),
        }.Select(async part =>
        {
            var (name, rebuild) = part;
            var clock = Stopwatch.StartNew();
            await rebuild();
            Console.Error.WriteLine($"rebuilt {name} in {clock.Elapsed.TotalSeconds:F1} s");
            return string.Create(CultureInfo.InvariantCulture, $"\"{name}\":{clock.Elapsed.TotalSeconds:F2}");
        }));
        var seconds = total.Elapsed.TotalSeconds;
        var commitmentsAfter = await Scalar(connection, "select count(*) from {0}.mt_doc_commitment", ct);
        if (commitmentsAfter != commitmentsBefore)
            throw new InvalidOperationException($"Rebuild changed the commitment count: {commitmentsBefore} before, {commitmentsAfter} after.");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"events\":{events},\"seconds\":{seconds:F2},\"eventsPerSecond\":{events / seconds:F0},\"commitments\":{commitmentsAfter},\"projections\":{{{string.Join(',', parts)}}}}}"));
    }

    private async Task<long> Scalar(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, sql, options.Schema), connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
