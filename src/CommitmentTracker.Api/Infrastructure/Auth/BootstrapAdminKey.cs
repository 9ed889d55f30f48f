using Marten;

namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>
/// On start, stores the hash of <c>Auth:BootstrapAdminKey</c> as an admin key, so a fresh deployment has one
/// way in. The key itself is never stored or logged.
/// </summary>
public sealed class BootstrapAdminKey(IConfiguration config, IDocumentStore store, TimeProvider clock, ILogger<BootstrapAdminKey> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var secret = config["Auth:BootstrapAdminKey"];
        if (string.IsNullOrWhiteSpace(secret)) return;
        if (secret.Length < 20) throw new InvalidOperationException("Auth:BootstrapAdminKey must be at least 20 characters.");
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
