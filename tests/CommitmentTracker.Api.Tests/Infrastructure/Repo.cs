namespace CommitmentTracker.Api.Tests.Infrastructure;

public static class Repo
{
    /// <summary>The checkout's root: the folder holding CommitmentTracker.sln.</summary>
    public static string Root { get; } = Find();

    /// <summary>../shared/seeds beside the checkout: real multilingual source text.</summary>
    public static string Seed(string fileName)
    {
        var path = Path.Combine(Root, "..", "shared", "seeds", fileName);
        return File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"Seed text missing; expected shared/ beside the checkout: {path}");
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CommitmentTracker.sln"))) return dir.FullName;
        throw new InvalidOperationException("CommitmentTracker.sln not found above " + AppContext.BaseDirectory);
    }
}
