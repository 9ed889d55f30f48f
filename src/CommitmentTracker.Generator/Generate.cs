using System.Diagnostics;
using System.Globalization;
using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Npgsql;

namespace CommitmentTracker.Generator;

/// <summary>
/// Appends the data set through Marten, inline projections and all, a batch of plans per session. Streams that exist
/// are skipped, so an interrupted run resumes where it stopped and still ends with the same data.
/// </summary>
public sealed class Generate(IDocumentStore store, GeneratorOptions options)
{
    private readonly GeneratorSessions sessions = new(store);

    public async Task RunAsync(CancellationToken ct)
    {
        var dataset = new Dataset(options.Commitments, options.Countries);
        var stories = new Stories(Texts.Load(options.SeedsDir), options.Seed);
        var probe = new LatencyProbe(store, options.Seed, options.LatencyOut);
        var clock = Stopwatch.StartNew();
        var inStore = await CountEvents(ct);
        var appended = 0L;
        Console.Error.WriteLine($"generating {dataset.Members.Length} members, {dataset.Plans.Length} plans, {dataset.Commitments:N0} commitments " +
                                $"(seed {options.Seed}); {inStore:N0} events already in the store");

        var probing = TimeSpan.Zero;
        async Task Checkpoints(long before, long after)
        {
            var started = clock.Elapsed;
            foreach (var checkpoint in LatencyProbe.Checkpoints.Where(c => before < c && c <= after))
                await probe.RunAsync(checkpoint, after, ct);
            probing += clock.Elapsed - started;
        }

        // Members and plans first, in one session.
        await using (var session = sessions.OpenAppendSession())
        {
            var existing = await Existing(dataset.Members.Select(m => m.Code).Concat(dataset.Plans.Select(p => p.Id)), ct);
            var count = 0;
            foreach (var m in dataset.Members.Where(m => !existing.Contains(m.Code)))
            {
                GeneratedWriters.Stamp(session.Events.StartStream<Member>(m.Code, stories.Member(m)), m.Code);
                count++;
            }
            foreach (var p in dataset.Plans.Where(p => !existing.Contains(p.Id)))
            {
                var events = stories.Plan(p);
                GeneratedWriters.Stamp(session.Events.StartStream<ActionPlan>(p.Id, events.ToArray()), p.Member.Code);
                count += events.Count;
            }
            await session.SaveChangesAsync(ct);
            appended += count;
        }

        // Then commitments, a batch of plans per session: the next batch is built while earlier ones are saved, and
        // --writers sessions save at once, so PostgreSQL works on both cores.
        var batches = dataset.Plans.Chunk(Math.Max(1, options.Batch / Math.Max(1, dataset.CommitmentsPerPlan))).ToArray();
        var progress = new ProgressBar(dataset.Commitments, "commitments");
        var done = 0;
        var saving = new List<Task<(int Events, int Commitments)>>();
        // A checkpoint passed while only members and plans were written is probed after the first commitments land.
        var probedUpTo = inStore;
        async Task Finish(Task<(int Events, int Commitments)> saved)
        {
            saving.Remove(saved);
            var (events, commitments) = await saved;
            appended += events;
            done += commitments;
            progress.Report(done, appended);
            if (LatencyProbe.Checkpoints.Any(c => probedUpTo < c && c <= inStore + appended))
            {
                while (saving.Count > 0) await Finish(saving[0]);
                await Checkpoints(probedUpTo, inStore + appended);
            }
            probedUpTo = inStore + appended;
        }
        var next = BuildAsync(batches, 0, dataset, stories, ct);
        for (var b = 0; b < batches.Length; b++)
        {
            var (streams, total) = await next;
            next = b + 1 < batches.Length ? BuildAsync(batches, b + 1, dataset, stories, ct) : null!;
            saving.Add(SaveAsync(streams, total, ct));
            if (saving.Count >= options.Writers) await Finish(await Task.WhenAny(saving));
        }
        while (saving.Count > 0) await Finish(saving[0]);
        progress.Done();
        Console.Error.WriteLine($"appended {appended:N0} events; {inStore + appended:N0} in the store");
        // The rate leaves out the latency probes' pauses.
        var seconds = (clock.Elapsed - probing).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"appended\":{appended},\"inStore\":{inStore + appended},\"seconds\":{seconds:F2},\"eventsPerSecond\":{appended / seconds:F0}}}"));
    }

    private async Task<(int Events, int Commitments)> SaveAsync(List<CommitmentStreams> streams, int commitments, CancellationToken ct)
    {
        if (streams.Count == 0) return (0, commitments);
        var events = 0;
        await using var session = sessions.OpenAppendSession();
        foreach (var s in streams)
        {
            var government = ((CommitmentMade)s.Events[0]).LeadInstitution.Name;
            GeneratedWriters.Stamp(session.Events.StartStream<Commitment>(s.Id, s.Events.ToArray()), government);
            events += s.Events.Count;
            foreach (var related in s.Related)
            {
                GeneratedWriters.Stamp(session.Events.StartStream(related.Aggregate, related.Id, related.Events.ToArray()), government);
                events += related.Events.Count;
            }
        }
        await session.SaveChangesAsync(ct);
        return (events, commitments);
    }

    private Task<(List<CommitmentStreams> Streams, int Total)> BuildAsync(PlanSpec[][] batches, int index, Dataset dataset, Stories stories, CancellationToken ct) =>
        Task.Run(async () =>
        {
            var specs = batches[index].SelectMany(dataset.CommitmentsOf).ToArray();
            var existing = await Existing(specs.Select(c => c.Id), ct);
            var streams = specs.Where(c => !existing.Contains(c.Id)).Select(stories.Commitment).ToList();
            return (streams, specs.Length);
        }, ct);

    private async Task<HashSet<string>> Existing(IEnumerable<string> ids, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select id from {EventTableNames.Of(store).StreamsTable} where id = any(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        var found = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetString(0));
        return found;
    }

    private Task<long> CountEvents(CancellationToken ct) => CountEvents(store, ct);

    /// <summary>Every event in the schema's store.</summary>
    public static async Task<long> CountEvents(IDocumentStore store, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select count(*) from {EventTableNames.Of(store).Table}", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
