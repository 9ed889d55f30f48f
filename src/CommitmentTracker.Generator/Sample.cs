using Marten;

namespace CommitmentTracker.Generator;

/// <summary>
/// deploy/run.sh --sample: the generator's small deterministic data set (the five seed languages' countries, each with
/// a national and a local member, ten plans of history each, all three kinds of assessment). It fills an empty store
/// only, so sample data never mixes with real records; the site marks every page while it is there.
/// </summary>
public sealed class Sample(IDocumentStore store, GeneratorOptions options)
{
    public const int Countries = 5;
    public const int Commitments = 300;

    /// <summary>The exit code of a refused run: the store already holds data.</summary>
    public const int Refused = 3;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var events = await Generate.CountEvents(store, ct);
        if (events > 0)
        {
            Console.Error.WriteLine($"refusing to add sample data: the store (schema {options.Schema}) already holds {events:N0} events. " +
                                    "Sample data only goes into an empty store, so it never mixes with real records; " +
                                    "point ConnectionStrings__Postgres at an empty database, or remove .data/pg for a fresh local one.");
            return Refused;
        }
        await new Generate(store, options with { Commitments = Commitments, Countries = Countries }).RunAsync(ct);
        return 0;
    }
}
