using Npgsql;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>
/// The whole store of one host: for every table of its schema (every <c>mt_events</c> row, every stream, every document
/// table, whatever a later feature adds), the row count and an md5 of all its rows. Two footprints are equal only when
/// no row anywhere was added, removed or changed, so "a refusal writes nothing" is checked against everything, not
/// against the tables a test thought of.
/// </summary>
/// <remarks>
/// Marten fills the sequence numbers of a rolled-back append with tombstone events (and their stream); those are not
/// writes, so they are left out. Caught by this check (each was tried): a refused API-key request that stores a key
/// anyway (BadInputCorpusTests), a refused webhook update that stores a changed filter (AuthorizationMatrixTests).
/// </remarks>
public sealed record StoreFootprint(IReadOnlyDictionary<string, string> Tables)
{
    public bool Equals(StoreFootprint? other) => other is not null && Diff(other).Length == 0;

    public override int GetHashCode() => Tables.Count;

    /// <summary>The tables whose rows differ between the two, each with both checksums.</summary>
    public string[] Diff(StoreFootprint other) => Tables.Keys.Union(other.Tables.Keys).Order(StringComparer.Ordinal)
        .Where(t => Tables.GetValueOrDefault(t) != other.Tables.GetValueOrDefault(t))
        .Select(t => $"{t}: {Tables.GetValueOrDefault(t, "absent")} -> {other.Tables.GetValueOrDefault(t, "absent")}")
        .ToArray();

    public override string ToString() => string.Join("; ", Tables.Select(t => $"{t.Key} {t.Value}"));

    public static async Task<StoreFootprint> Of(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = @schema and table_type = 'BASE TABLE' order by 1", connection))
        {
            list.Parameters.AddWithValue("schema", schema);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var sums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var where = table switch
            {
                "mt_events" => "where t.type <> 'tombstone'",
                "mt_streams" => "where t.id <> 'mt_tombstone'",
                _ => "",
            };
            await using var sum = new NpgsqlCommand(
                $"select count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '-') from {schema}.{table} t {where}", connection);
            sums[table] = (string)(await sum.ExecuteScalarAsync())!;
        }
        return new StoreFootprint(sums);
    }
}

public static class StoreFootprints
{
    /// <summary>The footprint of this host's whole store (see <see cref="StoreFootprint"/>).</summary>
    public static Task<StoreFootprint> Footprint(this ApiFactory api) => StoreFootprint.Of(api.ConnectionString, api.Schema);
}
