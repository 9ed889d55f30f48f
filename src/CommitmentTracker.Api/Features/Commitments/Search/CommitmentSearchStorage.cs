using CommitmentTracker.Infrastructure.Marten;
using JasperFx.Events.Projections;
using Marten;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace CommitmentTracker.Features.Commitments;

/// <summary>The search words of each commitment, a tsvector under a GIN index, kept inline with the commitment's events.</summary>
public sealed class CommitmentSearchStorage : IStorageSlice
{
    public void Configure(StoreOptions options)
    {
        options.Projections.Snapshot<CommitmentSearch>(SnapshotLifecycle.Inline);
        options.Schema.For<CommitmentSearch>()
            // The words (a tsvector) and the texts go out of line, so a count over the full-text index reads narrow rows.
            .StorageParameter("toast_tuple_target", 256)
            // Sent untyped, so PostgreSQL reads the text as the column's tsvector.
            .Duplicate(s => s.Words, pgType: "tsvector", dbType: NpgsqlDbType.Unknown, configure: i => i.Method = IndexMethod.gin);
    }
}
