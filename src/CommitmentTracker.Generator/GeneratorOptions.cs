namespace CommitmentTracker.Generator;

/// <summary>Command line: <c>generate|rebuild [--commitments 100000] [--seed 42] [--batch 500] [--writers 2] [--latency-out file] [--seeds dir]</c>.</summary>
public sealed record GeneratorOptions(
    string Command, int Commitments, int Seed, int Batch, int Writers, string Connection, string Schema, string? LatencyOut, string SeedsDir,
    int? Countries = null)
{
    public static GeneratorOptions Parse(string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith("--") ? args[0] : "generate";
        var named = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
            if (args[i].StartsWith("--") && i + 1 < args.Length) named[args[i][2..]] = args[++i];
        string Get(string name, string fallback) => named.GetValueOrDefault(name, fallback);
        var connection = named.GetValueOrDefault("connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
            ?? throw new ArgumentException("Pass --connection or set ConnectionStrings__Postgres.");
        return new GeneratorOptions(command, int.Parse(Get("commitments", "100000")), int.Parse(Get("seed", "42")),
            int.Parse(Get("batch", "500")), int.Parse(Get("writers", "2")), connection, Get("schema", "ogp"), named.GetValueOrDefault("latency-out"),
            Get("seeds", DefaultSeedsDir()));
    }

    /// <summary>../shared/seeds beside the checkout, as the tests read it.</summary>
    private static string DefaultSeedsDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CommitmentTracker.sln"))) return Path.Combine(dir.FullName, "..", "shared", "seeds");
        return Path.Combine("..", "shared", "seeds");
    }
}
