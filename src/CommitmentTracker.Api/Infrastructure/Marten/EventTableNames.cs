using System.Runtime.CompilerServices;
using Marten;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace CommitmentTracker.Infrastructure.Marten;

/// <summary>
/// The event store's table, sequence and columns, named by the schema objects Marten creates, for the SQL that its API
/// cannot say (the change feed's gap check, the events mark, the as-of exports).
/// </summary>
public sealed record EventTableNames(string Table, string Sequence, string SequenceColumn, string StreamColumn, string DataColumn, string StreamsTable)
{
    private static readonly ConditionalWeakTable<IDocumentStore, EventTableNames> Known = new();

    public static EventTableNames Of(IDocumentStore store) => Known.GetValue(store, Read);

    private static EventTableNames Read(IDocumentStore store)
    {
        var objects = ((IFeatureSchema)store.Options.Events).Objects;
        // The one global sequence numbers the events: its owner is the events table, its column the sequence number.
        // The event body is the table's one required jsonb column (the headers are jsonb too, but optional).
        var sequence = objects.OfType<Sequence>().Single();
        var table = objects.OfType<Table>().Single(t => t.Identifier.Equals(sequence.Owner));
        var streams = table.ForeignKeys.Single();
        return new EventTableNames(table.Identifier.QualifiedName, sequence.Identifier.QualifiedName, sequence.OwnerColumn!,
            streams.ColumnNames.Single(), table.Columns.Single(c => c.Type == "jsonb" && !c.AllowNulls).Name, streams.LinkedTable!.QualifiedName);
    }
}
