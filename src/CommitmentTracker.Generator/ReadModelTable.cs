using System.Buffers;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Marten;
using Marten.Schema;
using Npgsql;
using NpgsqlTypes;
using Weasel.Core;

namespace CommitmentTracker.Generator;

/// <summary>
/// Loads one read model's table with COPY. The columns are the ones Marten's inline upsert writes, taken from Marten's
/// mapping of the document: id, data (Marten's serializer), mt_dotnet_type, mt_version and every duplicated field, read
/// through the same members. mt_last_modified keeps its default, the transaction's timestamp, as under the upsert.
/// Marten's own bulk insert cannot stand in: it writes mt_version 1, and it sends the search words (a duplicated field
/// registered untyped, so PostgreSQL parses the text) in binary, which PostgreSQL refuses as a tsvector.
/// </summary>
public sealed class ReadModelTable
{
    private sealed record Column(string Name, NpgsqlDbType Type, Func<FoldedDocument, object?> Value);

    private readonly Column[] columns;

    private readonly string lastModified;

    private ReadModelTable(Type documentType, string qualifiedName, Column[] columns, string lastModified) =>
        (DocumentType, QualifiedName, this.columns, this.lastModified) = (documentType, qualifiedName, columns, lastModified);

    public Type DocumentType { get; }

    public string QualifiedName { get; }

    public static ReadModelTable For(DocumentStore store, Type documentType)
    {
        var mapping = (DocumentMapping)((IDocumentStore)store).Options.FindOrResolveDocumentType(documentType);
        var serializer = store.Options.Serializer();
        var id = Getter([mapping.IdMember]);
        Column[] core =
        [
            new("id", NpgsqlDbType.Varchar, d => id(d.Document) is string key && key == d.StreamKey ? key
                : throw new InvalidOperationException($"{documentType.Name} folded from stream {d.StreamKey} has id {id(d.Document)}: inline, Marten would set it to the stream key.")),
            new("data", NpgsqlDbType.Jsonb, d => serializer.ToJson(d.Document)),
            new(mapping.Metadata.DotNetType.Name, NpgsqlDbType.Varchar, d => d.Document.GetType().FullName),
            new(mapping.Metadata.Revision.Name, NpgsqlDbType.Bigint, d => d.Version),
        ];
        return new ReadModelTable(documentType, mapping.TableName.QualifiedName,
            [.. core, .. mapping.DuplicatedFields.Select(f => Duplicated(f.ColumnName, f.PgType, f.DbType, f.Members, mapping.EnumStorage))],
            mapping.Metadata.LastModified.Name);
    }

    /// <summary>Refuses a table with a column this load would leave at its default (a metadata column added since).</summary>
    public async Task CheckColumnsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "select column_name from information_schema.columns where table_schema || '.' || table_name = $1 and column_name <> $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = QualifiedName });
        command.Parameters.Add(new NpgsqlParameter { Value = lastModified });
        var actual = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) actual.Add(reader.GetString(0));
        var written = columns.Select(c => c.Name).ToList();
        if (actual.Count != written.Count || actual.Except(written).Any())
            throw new InvalidOperationException($"{QualifiedName} has columns [{string.Join(", ", actual)}]; the rebuild writes [{string.Join(", ", written)}].");
    }

    /// <summary>The document's column values, in the COPY's column order.</summary>
    public object?[] Row(FoldedDocument document) => Array.ConvertAll(columns, c => c.Value(document));

    public Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<object?[]> rows, CancellationToken ct) =>
        columns.Any(c => c.Type == NpgsqlDbType.Unknown) ? CopyTextAsync(connection, rows, ct) : CopyBinaryAsync(connection, rows, ct);

    // FREEZE: the table was truncated in this transaction, so its rows can be written frozen and all-visible.
    private string Copy(string format) => $"copy {QualifiedName} ({string.Join(", ", columns.Select(c => c.Name))}) from stdin (format {format}, freeze)";

    private async Task CopyBinaryAsync(NpgsqlConnection connection, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        await using var import = await connection.BeginBinaryImportAsync(Copy("binary"), ct);
        foreach (var row in rows)
        {
            await import.StartRowAsync(ct);
            for (var i = 0; i < columns.Length; i++)
            {
                if (row[i] is { } value) await import.WriteAsync(value, columns[i].Type, ct);
                else await import.WriteNullAsync(ct);
            }
        }
        await import.CompleteAsync(ct);
    }

    /// <summary>
    /// A table with an untyped column goes as text: PostgreSQL parses each value with the column type's input function,
    /// as it parses the upsert's untyped parameter (client-side tsvector parsing is obsolete in Npgsql for being inexact).
    /// </summary>
    private async Task CopyTextAsync(NpgsqlConnection connection, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        await using var import = await connection.BeginTextImportAsync(Copy("text"), ct);
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                if (i > 0) import.Write('\t');
                import.Write(row[i] switch
                {
                    null => @"\N",
                    string text => Escaped(text),
                    long or int => Convert.ToString(row[i], CultureInfo.InvariantCulture),
                    var other => throw new NotSupportedException($"{QualifiedName}.{columns[i].Name}: no text form for {other.GetType()}."),
                });
            }
            import.Write('\n');
        }
    }

    private static readonly SearchValues<char> Special = SearchValues.Create("\\\t\n\r");

    /// <summary>COPY's text format: backslash, tab, newline and carriage return escaped.</summary>
    private static string Escaped(string text) =>
        text.AsSpan().IndexOfAny(Special) < 0 ? text
            : text.Replace(@"\", @"\\").Replace("\t", @"\t").Replace("\n", @"\n").Replace("\r", @"\r");

    private static Column Duplicated(string name, string pgType, NpgsqlDbType dbType, MemberInfo[] members, EnumStorage enums)
    {
        var get = Getter(members);
        if (dbType == NpgsqlDbType.Unknown)
            return new Column(name, dbType, d => get(d.Document) is { } value
                ? value as string ?? throw new NotSupportedException($"Untyped duplicated field {name} ({pgType}) holds {value.GetType()}, not text.")
                : null);
        return new Column(name, dbType, d => get(d.Document) switch
        {
            Enum e when enums == EnumStorage.AsString => e.ToString(),
            Enum e => Convert.ToInt32(e),
            var value => value,
        });
    }

    /// <summary>Reads a member chain, null when any link is.</summary>
    private static Func<object, object?> Getter(IEnumerable<MemberInfo> members) =>
        members.Select(Compile).Aggregate((Func<object, object?>)(o => o), (outer, inner) => o => outer(o) is { } v ? inner(v) : null);

    private static Func<object, object?> Compile(MemberInfo member)
    {
        var target = Expression.Parameter(typeof(object));
        var read = Expression.MakeMemberAccess(Expression.Convert(target, member.DeclaringType!), member);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), target).Compile();
    }
}
