using Marten;

namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>
/// <c>dotnet CommitmentTracker.Api.dll create-admin-key [--name "…"]</c>: stores a new admin key and prints its secret,
/// once, on stdout, then exits. For a first run without <c>Auth:BootstrapAdminKey</c>, or to recover access.
/// </summary>
public static class CreateAdminKeyCommand
{
    public const string Verb = "create-admin-key";

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.FirstOrDefault() != Verb) return false;
        var name = Option(args, "--name") is { Length: > 0 } n ? n : "admin (" + Verb + ")";
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var secret = ApiKey.NewSecret();
        var key = new ApiKey(ApiKey.Hash(secret), name, Roles.Admin, "OGP Support Unit", [],
            app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), "cli:" + Verb);
        await using var session = store.LightweightSession();
        session.Store(key);
        await session.SaveChangesAsync();
        await Console.Error.WriteLineAsync($"Stored admin key {key.KeyId} ('{name}'). The secret below is shown only now:");
        Console.WriteLine(secret);
        return true;
    }

    /// <summary>A command-line option, <c>--name value</c> or <c>--name=value</c>: an argument of the command, not a setting.</summary>
    private static string? Option(string[] args, string option) =>
        args.Select((a, i) => a == option ? args.ElementAtOrDefault(i + 1) : a.StartsWith(option + "=", StringComparison.Ordinal) ? a[(option.Length + 1)..] : null)
            .LastOrDefault(v => v is not null);
}
