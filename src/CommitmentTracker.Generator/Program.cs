using CommitmentTracker.Generator;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Npgsql;

// generate: the benchmark data set, deterministic from --seed; rebuild: every read model from the events, timed;
// sample: the small data set for a first look at the site (deploy/run.sh --sample), into an empty store only.
var options = GeneratorOptions.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

// Schema changes and rebuilds over a million events may run longer than Npgsql's default 30 s per command.
var connection = new NpgsqlConnectionStringBuilder(options.Connection) { CommandTimeout = 600 }.ConnectionString;
await using var store = new DocumentStore(EventStoreSetup.Options(connection, options.Schema));
await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
switch (options.Command)
{
    case "generate": await new Generate(store, options).RunAsync(cancel.Token); break;
    case "rebuild": await new Rebuild(store).RunAsync(cancel.Token); break;
    case "sample": return await new Sample(store, options).RunAsync(cancel.Token);
    default: Console.Error.WriteLine("usage: generate|rebuild|sample [--commitments 100000] [--seed 42] [--batch 500] [--writers 2] [--latency-out file] [--seeds dir] [--schema ogp] [--connection cs]"); return 2;
}
return 0;
