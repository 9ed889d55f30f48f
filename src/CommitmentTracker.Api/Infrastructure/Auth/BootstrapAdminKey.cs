using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Infrastructure.Configuration;
using Marten;

namespace CommitmentTracker.Infrastructure.Auth;

/// <summary><c>Auth:BootstrapAdminKey</c>: unset, or a secret of at least 20 characters.</summary>
public sealed class BootstrapAdminKeyOptions : ISettings
{
    public static string Section => "Auth";

    [RegularExpression("^.{20,}$", ErrorMessage = "must be at least 20 characters")]
    public string? BootstrapAdminKey { get; set; }
}

/// <summary>
/// On start, stores the hash of <c>Auth:BootstrapAdminKey</c> as an admin key, so a fresh deployment has one
/// way in. The key itself is never stored or logged.
/// </summary>
public sealed class BootstrapAdminKey(BootstrapAdminKeyOptions options, IDocumentStore store, TimeProvider clock, ILogger<BootstrapAdminKey> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (options.BootstrapAdminKey is not { Length: > 0 } secret) return;
        await using var session = store.LightweightSession();
        var hash = ApiKey.Hash(secret);
        if (await session.LoadAsync<ApiKey>(hash, ct) is not null) return;
        var key = new ApiKey(hash, "bootstrap admin", Roles.Admin, "OGP Support Unit", [], clock.GetUtcNow(), "configuration");
        session.Store(key);
        await session.SaveChangesAsync(ct);
        log.LogInformation("Stored the bootstrap admin key {KeyId}", key.KeyId);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
