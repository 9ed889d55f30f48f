using System.Data;
using System.Security.Cryptography;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace CommitmentTracker.Features.Documents;

/// <summary>
/// The bytes of uploaded documents, in PostgreSQL: one table of 1 MiB chunks keyed by the content's SHA-256, so the same
/// bytes are stored once whoever uploads them, and neither an upload nor a download ever holds a whole file in memory.
/// Chunks are written on the write's own connection and transaction, so they commit or roll back with its event.
/// </summary>
public static class DocumentContent
{
    public const string TableName = "document_chunks";
    public const int ChunkBytes = 1 << 20;

    public static Table Table(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("sha256", "text").AsPrimaryKey();
        table.AddColumn("n", "integer").AsPrimaryKey();
        table.AddColumn("bytes", "bytea").NotNull();
        return table;
    }

    /// <summary>
    /// Streams <paramref name="head"/> then the rest of <paramref name="source"/> into chunks under a key of its own, then
    /// files them under their SHA-256, or drops them when those bytes are already stored. More than
    /// <paramref name="maxBytes"/> is a 413, which rolls the whole write back.
    /// </summary>
    public static async Task<(string Sha256, long Length)> WriteAsync(
        IDocumentSession session, ReadOnlyMemory<byte> head, Stream source, long maxBytes, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var connection = session.Connection!;
        var table = $"{session.DocumentStore.Options.DatabaseSchemaName}.{TableName}";
        var pending = "upload:" + Guid.NewGuid().ToString("N");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkBytes];
        head.CopyTo(buffer);
        var filled = head.Length;
        long length = 0;
        var n = 0;
        for (var done = false; !done;)
        {
            while (filled < buffer.Length)
            {
                var read = await source.ReadAsync(buffer.AsMemory(filled), ct);
                if (read == 0) { done = true; break; }
                filled += read;
            }
            if (filled == 0) break;
            length += filled;
            if (length > maxBytes)
                throw new BadHttpRequestException($"The file is larger than {maxBytes / (1 << 20)} MiB ({maxBytes} bytes).", StatusCodes.Status413PayloadTooLarge);
            hash.AppendData(buffer, 0, filled);
            await using var insert = new NpgsqlCommand($"insert into {table} (sha256, n, bytes) values ($1, $2, $3)", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = pending });
            insert.Parameters.Add(new NpgsqlParameter { Value = n++ });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = new ArraySegment<byte>(buffer, 0, filled) });
            await insert.ExecuteNonQueryAsync(ct);
            filled = 0;
        }
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        // Two uploads of the same new bytes queue on this lock; the later one then sees the earlier one's chunks and drops its own.
        await using (var queue = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext($1))", connection))
        {
            queue.Parameters.Add(new NpgsqlParameter { Value = sha });
            await queue.ExecuteNonQueryAsync(ct);
        }
        await using var file = new NpgsqlCommand(
            $"""
            with known as (select 1 from {table} where sha256 = $2 and n = 0)
            , dropped as (delete from {table} where sha256 = $1 and exists (select 1 from known))
            update {table} set sha256 = $2 where sha256 = $1 and not exists (select 1 from known)
            """, connection);
        file.Parameters.Add(new NpgsqlParameter { Value = pending });
        file.Parameters.Add(new NpgsqlParameter { Value = sha });
        await file.ExecuteNonQueryAsync(ct);
        return (sha, length);
    }

    /// <summary>Copies the stored bytes to <paramref name="destination"/> one chunk at a time.</summary>
    public static async Task CopyToAsync(IDocumentStore store, string sha256, Stream destination, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var select = new NpgsqlCommand(
            $"select bytes from {store.Options.DatabaseSchemaName}.{TableName} where sha256 = $1 order by n", connection);
        select.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        await using var reader = await select.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            await using var chunk = reader.GetStream(0);
            await chunk.CopyToAsync(destination, ct);
        }
    }
}
