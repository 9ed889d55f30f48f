using System.Text.RegularExpressions;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Proofs;

/// <summary>
/// The HTTP tests run as Alba scenarios (<see cref="Scenarios"/>). A test file that makes an HttpClient instead says why
/// on a line <c>// HttpClient, not Alba: ...</c>; tests/tools/alba-codemod.py converts the rest.
/// </summary>
public sealed class AlbaRuleTests
{
    private const string Marker = "// HttpClient, not Alba: ";

    /// <summary>An HttpClient over the API, or any HttpClient at all.</summary>
    private static readonly Regex MakesHttpClient = new(@"\b\w+\.(Admin|Anonymous)\(\)|\.WithKey\(|\bCreateClient\(|new HttpClient\(");

    [Fact]
    public void A_test_file_that_makes_an_HttpClient_says_why_on_one_line()
    {
        var root = Path.Combine(Repo.Root, "tests", "CommitmentTracker.Api.Tests");
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Where(f =>
            {
                var text = File.ReadAllText(Path.Combine(root, f));
                return MakesHttpClient.IsMatch(text) && !Regex.IsMatch(text, Regex.Escape(Marker) + @"\w+ \w+");
            })
            .ToArray();

        Assert.True(offenders.Length == 0,
            $"these files make an HttpClient without a line '{Marker}<why>'; write them as Alba scenarios " +
            $"(python3 tests/tools/alba-codemod.py <file>) or say why not: {string.Join(", ", offenders)}");
    }
}
