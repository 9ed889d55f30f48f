using System.Text.RegularExpressions;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Deciders;

/// <summary>
/// Infrastructure knows no slice (each slice registers its own storage and GraphQL fields), and raw SQL takes its table
/// and column names from Marten's mapping (StorageNames, EventTableNames), never from a literal.
/// </summary>
public sealed partial class SliceBoundaryTests
{
    private static readonly string Src = Path.Combine(Repo.Root, "src");

    [Fact]
    public void Infrastructure_imports_no_feature()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Src, "CommitmentTracker.Api", "Infrastructure"), "*.cs", SearchOption.AllDirectories).ToArray();
        Assert.True(files.Length >= 50, $"only {files.Length} infrastructure files found");
        Assert.Empty(files.Where(f => WithoutComments(File.ReadAllText(f)).Contains("CommitmentTracker.Features", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Src, f)));
    }

    [Fact]
    public void No_code_names_a_marten_table_or_column_by_a_literal()
    {
        // Marten gives no public name for its projection progression table, so the generator's catch-up names it.
        string[] allowed = [Path.Combine("CommitmentTracker.Generator", "ProjectionMarks.cs")];
        var found = Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(f => !allowed.Contains(Path.GetRelativePath(Src, f)))
            .SelectMany(f => MartenName().Matches(WithoutComments(File.ReadAllText(f))).Select(m => $"{Path.GetRelativePath(Src, f)}: {m.Value}"))
            .ToArray();
        Assert.Empty(found);
    }

    private static string WithoutComments(string source) => Comments().Replace(source, "");

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comments();

    [GeneratedRegex(@"\bmt_[a-z_]+|\b(policy_area_mask|ogp_value_mask|seq_id)\b")]
    private static partial Regex MartenName();
}
