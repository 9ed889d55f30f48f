using System.Linq.Expressions;
using Marten;
using Marten.Schema;

namespace CommitmentTracker.Infrastructure.Marten;

/// <summary>
/// A slice's own Marten storage: its inline snapshots, duplicated columns and indexes, in one <see cref="Configure"/>.
/// <see cref="EventStoreSetup.Options"/> calls every implementation in the app's assembly, so Infrastructure imports no
/// Feature and a new slice needs no line here.
/// </summary>
public interface IStorageSlice
{
    void Configure(StoreOptions options);
}

/// <summary>Table and column names as Marten maps them, for the SQL that LINQ cannot say.</summary>
public static class StorageNames
{
    /// <summary>The document's table, schema-qualified: <c>ogp.mt_doc_commitment</c>.</summary>
    public static string Table<T>(IDocumentStore store) => Mapping<T>(store).TableName.QualifiedName;

    /// <summary>The column a duplicated member is stored in: <c>c => c.MemberCode</c> is <c>member_code</c>.</summary>
    public static string Column<T>(IDocumentStore store, Expression<Func<T, object?>> member)
    {
        var body = member.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : member.Body;
        var name = ((MemberExpression)body).Member.Name;
        return Mapping<T>(store).DuplicatedFields.Single(f => f.Members.Last().Name == name).ColumnName;
    }

    /// <summary>The column holding a document's numeric revision (the stream version of a snapshot): <c>mt_version</c>.</summary>
    public static string Revision<T>(IDocumentStore store) => Mapping<T>(store).Metadata.Revision.Name;

    private static DocumentMapping Mapping<T>(IDocumentStore store) => (DocumentMapping)store.Options.FindOrResolveDocumentType(typeof(T));
}
