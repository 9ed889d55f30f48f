using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Infrastructure.Http;

namespace CommitmentTracker.Api.Tests.Proofs;

/// <summary>
/// Deciders throw the domain's errors (<c>Domain/DomainErrors.cs</c>) and use no HTTP type: the HTTP layer
/// (<see cref="ProblemExceptionHandler"/>) and GraphQL map the errors to their own shapes.
/// </summary>
public sealed partial class DeciderBoundaryTests
{
    private static readonly string Features = Path.Combine(Repo.Root, "src", "CommitmentTracker.Api", "Features");

    /// <summary>Every type and extension method of Infrastructure.Http, by the name code would use.</summary>
    private static readonly Regex HttpNames = new(@"\b(" + string.Join("|", typeof(ProblemExceptionHandler).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(ProblemExceptionHandler).Namespace && !t.IsDefined(typeof(CompilerGeneratedAttribute)) && !t.Name.Contains('<'))
        .SelectMany(t => new[] { t.Name.Split('`')[0] }.Concat(t.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.IsDefined(typeof(ExtensionAttribute))).Select(m => m.Name)))
        .Distinct().Select(Regex.Escape)) + @")\b|Infrastructure\.Http");

    /// <summary>The files that hold only decisions: each command's file under a Write folder, the rules they share, the *Decider files.</summary>
    private static IEnumerable<string> DeciderFiles() => Directory.EnumerateFiles(Features, "*.cs", SearchOption.AllDirectories)
        .Where(f => Path.GetFileName(f).EndsWith("Decider.cs", StringComparison.Ordinal)
                    || Path.GetFileName(Path.GetDirectoryName(f)) == "Write" && Path.GetFileName(f) != "CommitmentWrites.cs");

    [Fact]
    public void The_decider_files_use_no_http_type()
    {
        var files = DeciderFiles().ToArray();
        Assert.True(files.Length >= 12, $"only {files.Length} decider files found");
        Assert.Empty(files.SelectMany(f => Uses(f, Code(File.ReadAllText(f)))));
    }

    [Fact]
    public void No_decide_method_anywhere_uses_an_http_type()
    {
        var decides = Directory.EnumerateFiles(Features, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => DecideMethods(Code(File.ReadAllText(f))).Select(body => (f, body))).ToArray();
        Assert.True(decides.Length >= 20, $"only {decides.Length} Decide methods found");
        Assert.Empty(decides.SelectMany(d => Uses(d.f, d.body)));
    }

    private static IEnumerable<string> Uses(string file, string code) =>
        HttpNames.Matches(code).Select(m => $"{Path.GetRelativePath(Features, file)}: {m.Value}").Distinct();

    /// <summary>The source without comments and string literals (a word in a message is not a use).</summary>
    private static string Code(string source) => Comments().Replace(source, "");

    /// <summary>Each Decide… method's signature and body: up to its matching brace, or its expression body's semicolon.</summary>
    private static IEnumerable<string> DecideMethods(string code)
    {
        foreach (Match m in DecideSignature().Matches(code))
        {
            var i = m.Index + m.Length - 1; // at the opening parenthesis of the parameters
            var depth = 0;
            for (; i < code.Length; i++)
            {
                if (code[i] == '(') depth++;
                else if (code[i] == ')' && --depth == 0) break;
            }
            var bodyStart = i + 1;
            depth = 0;
            for (i = bodyStart; i < code.Length; i++)
            {
                var c = code[i];
                if (c is '{' or '(' or '[') depth++;
                else if (c is '}' or ')' or ']' && --depth == 0 && c == '}' && code[bodyStart..i].TrimStart().StartsWith('{')) break;
                else if (c == ';' && depth == 0) break;
            }
            yield return code[m.Index..Math.Min(i + 1, code.Length)];
        }
    }

    [GeneratedRegex(@"(?<!\w)(public|internal|private)\s+(static\s+)?[\w<>\[\],\s?]+?\s+Decide\w*\s*\(")]
    private static partial Regex DecideSignature();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:""""|[^""])*""|""(?:\\.|[^""\\\n])*""", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
