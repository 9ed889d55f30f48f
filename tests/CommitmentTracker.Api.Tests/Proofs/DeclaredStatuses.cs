using CommitmentTracker.Api.Tests.Infrastructure;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CommitmentTracker.Api.Tests.Proofs;

/// <summary>
/// The statuses schema/openapi.json declares for each operation (SchemaDriftTests keeps the file equal to what the app
/// serves), looked up by method and concrete path, so a test can fail when the app answers one a client was not told of.
/// </summary>
public sealed class DeclaredStatuses
{
    private readonly List<(string Method, string Template, Regex Path, HashSet<string> Statuses)> operations = [];

    public DeclaredStatuses()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "schema", "openapi.json")))!;
        foreach (var (template, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
                operations.Add((method.ToUpperInvariant(), template,
                    new Regex("^" + Regex.Replace(Regex.Escape(template), @"\\\{\w+}", "[^/]+") + "$"),
                    operation!["responses"]!.AsObject().Select(r => r.Key).ToHashSet()));
        // A literal segment wins over a parameter (/api/commitments/stats is not /api/commitments/{id}).
        operations.Sort((a, b) => a.Template.Count(c => c == '{').CompareTo(b.Template.Count(c => c == '{')));
    }

    /// <summary>How many requests named an operation of the document (the others are routes it does not describe).</summary>
    public int Checked { get; private set; }

    /// <summary>Null when the operation declares the status (or the request names no operation), else what is wrong.</summary>
    public string? Undeclared(string method, string pathAndQuery, int status)
    {
        var path = Uri.UnescapeDataString(pathAndQuery.Split('?', 2)[0]).TrimEnd('/');
        var operation = operations.FirstOrDefault(o => o.Method == method && o.Path.IsMatch(path));
        if (operation.Statuses is null) return null;
        Checked++;
        return operation.Statuses.Contains(status.ToString()) ? null
            : $"answered {status}, which schema/openapi.json does not declare for {method} {operation.Template} (it declares {string.Join(", ", operation.Statuses.Order())})";
    }
}
