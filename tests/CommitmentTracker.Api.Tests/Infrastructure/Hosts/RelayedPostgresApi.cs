
namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>A host whose PostgreSQL sits behind a relay the test can cut.</summary>
public sealed class RelayedPostgresApi : ApiFactory
{
    private Dictionary<string, string>? settings;

    public TcpRelay Relay { get; } = new();

    // Read when the host starts, after InitializeAsync has the server's connection string.
    protected override IReadOnlyDictionary<string, string> Settings => settings ??= new()
    {
        ["ConnectionStrings:Postgres"] = Relay.Relay(ConnectionString),
        ["Health:TimeoutSeconds"] = "1",
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Relay.Dispose();
    }
}
