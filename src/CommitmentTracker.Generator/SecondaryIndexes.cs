using Npgsql;

namespace CommitmentTracker.Generator;

/// <summary>
/// The read-model tables' indexes other than their primary keys, dropped before the load and built again from their own
/// definitions after it, in the load's transaction; names and definitions stay Marten's, so its schema check sees no
/// change. At 100k commitments the b-trees kept up to date row by row cost ~3 s of the rebuild; the GIN index over the
/// search words costs about the same either way (~5 s to build), but built whole it has no pending list left behind.
/// </summary>
public sealed class SecondaryIndexes
{
    private readonly List<string> definitions;

    private SecondaryIndexes(List<string> definitions) => this.definitions = definitions;

    public int Count => definitions.Count;

    public static async Task<SecondaryIndexes> DropAsync(NpgsqlConnection connection, IEnumerable<string> tables, CancellationToken ct)
    {
        await using var find = new NpgsqlCommand(
            """
            select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index as i
            where i.indrelid = any($1::text[]::regclass[])
              and not exists (select from pg_constraint as c where c.conindid = i.indexrelid)
            """, connection);
        find.Parameters.Add(new NpgsqlParameter { Value = tables.ToArray() });
        var found = new List<(string Name, string Definition)>();
        await using (var reader = await find.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) found.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in found)
        {
            await using var drop = new NpgsqlCommand($"drop index {name}", connection);
            await drop.ExecuteNonQueryAsync(ct);
        }
        return new SecondaryIndexes(found.Select(f => f.Definition).ToList());
    }

    public async Task CreateAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        foreach (var definition in definitions)
        {
            await using var create = new NpgsqlCommand(definition, connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }
}
