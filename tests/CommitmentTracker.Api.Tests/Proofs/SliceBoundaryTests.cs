using System.Text.RegularExpressions;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Proofs;

/// <summary>
/// Infrastructure knows no slice (each slice registers its own storage and GraphQL fields), raw SQL takes its table
/// and column names from Marten's mapping (StorageNames, EventTableNames), never from a literal, and the tests' folders
/// mirror src/ with every host variant in Infrastructure/Hosts.
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

    private static readonly string Tests = Path.Combine(Repo.Root, "tests", "CommitmentTracker.Api.Tests");

    [Fact]
    public void Test_folders_mirror_src()
    {
        var api = Path.Combine(Src, "CommitmentTracker.Api");
        // Besides src/'s own folders: the fixtures' Hosts, the whole-app Proofs, and the Generator project's tests.
        var extra = new[] { Path.Combine("Infrastructure", "Hosts"), "Proofs", "Generator" };
        var strays = Directory.EnumerateDirectories(Tests, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(Tests, d))
            .Where(d => !d.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            .Where(d => Directory.EnumerateFiles(Path.Combine(Tests, d), "*.cs").Any())
            .Where(d => !extra.Contains(d) && !Directory.Exists(Path.Combine(api, d)))
            .ToArray();
        Assert.True(Directory.EnumerateDirectories(Tests, "*", SearchOption.AllDirectories).Count() >= 20);
        Assert.Empty(strays);
    }

    [Fact]
    public void Every_host_variant_lives_in_infrastructure_hosts()
    {
        var hosts = typeof(SliceBoundaryTests).Assembly.GetTypes()
            .Where(t => t.IsAssignableTo(typeof(ApiFactory)) && t != typeof(ApiFactory)).ToArray();
        Assert.True(hosts.Length >= 20, $"only {hosts.Length} host variants found");
        Assert.Empty(hosts.Where(t => t.Namespace != "CommitmentTracker.Api.Tests.Infrastructure.Hosts" || t.IsNested).Select(t => t.FullName));
    }

    private static string WithoutComments(string source) => Comments().Replace(source, "");

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comments();

    [GeneratedRegex(@"\bmt_[a-z_]+|\b(policy_area_mask|ogp_value_mask|seq_id)\b")]
    private static partial Regex MartenName();
}
