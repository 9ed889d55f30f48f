using CommitmentTracker.Infrastructure.Auth;
using Marten;

namespace CommitmentTracker.Features.ApiKeys;

/// <summary>
/// <c>dotnet CommitmentTracker.Api.dll create-admin-key [--name "…"]</c>: stores a new admin key and prints its secret,
/// once, on stdout, then exits. For a first run without <c>Auth:BootstrapAdminKey</c>, or to recover access. The key is
/// decided by <see cref="IssueApiKey"/>, as the API's are, so a bad name is refused by the same rules (exit code 2).
/// </summary>
public static class CreateAdminKeyCommand
{
    public const string Verb = "create-admin-key";

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.FirstOrDefault() != Verb) return false;
        var name = Option(args, "--name") is { Length: > 0 } n ? n : "admin (" + Verb + ")";
        var secret = ApiKey.NewSecret();
        ApiKey key;
        try
        {
            key = IssueApiKey.Decide(new IssueApiKey(name, ApiKeyRole.admin, "OGP Support Unit", null), secret, [], "cli:" + Verb,
                app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        }
        catch (ValidationFailed invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
                foreach (var message in messages) await Console.Error.WriteLineAsync($"--{field}: {message}");
            Environment.ExitCode = 2;
            return true;
        }
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var session = store.LightweightSession();
        session.Store(key);
        await session.SaveChangesAsync();
        await Console.Error.WriteLineAsync($"Stored admin key {key.KeyId} ('{key.Name}'). The secret below is shown only now:");
        Console.WriteLine(secret);
        return true;
    }

    /// <summary>A command-line option, <c>--name value</c> or <c>--name=value</c>: an argument of the command, not a setting.</summary>
    private static string? Option(string[] args, string option) =>
        args.Select((a, i) => a == option ? args.ElementAtOrDefault(i + 1) : a.StartsWith(option + "=", StringComparison.Ordinal) ? a[(option.Length + 1)..] : null)
            .LastOrDefault(v => v is not null);
}
