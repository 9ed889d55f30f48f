using CommitmentTracker.Api.Tests.Infrastructure;
using Npgsql;

namespace CommitmentTracker.Api.Tests.Infrastructure.Marten;

/// <summary>The app's writes compress large values with LZ4, whatever the server's default_toast_compression.</summary>
public sealed class DocumentCompressionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_commitment_document_and_its_search_row_are_stored_with_lz4()
    {
        // A real commitment's size (4.4 KB on average in the benchmark's data): PostgreSQL compresses only large rows.
        var text = string.Join(' ', Repo.Seed("003_197e165c457b1a02.txt").Split('\n').Take(40));
        var id = await api.MadeCommitment("GE", Given.Commitment(description: new() { ["ka"] = text[..Math.Min(text.Length, 4000)] }));
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using (var server = new NpgsqlCommand("show default_toast_compression", connection))
            Assert.Equal("pglz", await server.ExecuteScalarAsync()); // the test server keeps PostgreSQL's default
        foreach (var table in new[] { "mt_doc_commitment", "mt_doc_commitmentsearch" })
        {
            await using var command = new NpgsqlCommand($"select pg_column_compression(data) from {api.Schema}.{table} where id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            Assert.Equal("lz4", await command.ExecuteScalarAsync());
        }
    }
}
