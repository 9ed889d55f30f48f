using CommitmentTracker.Features.Commitments;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>The host on a PostgreSQL of its own, which this class may crash.</summary>
public sealed class OwnPostgresApi : ApiFactory
{
    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), $"ct-fault-pg-{Guid.NewGuid():N}");
    public string Connection { get; private set; } = "";

    /// <summary>Above the shared servers' ports, so none of them takes this one's port while it is down.</summary>
    public const int PortFrom = 56432;

    protected override Task<string> ConnectionStringAsync()
    {
        Connection = PostgresServer.Local("start", DataDir, PortFrom);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => PostgresServer.StopAndDelete(DataDir);
        return Task.FromResult(Connection);
    }

    // 503s are expected here by the hundred; their stack traces would drown the test output.
    protected override IReadOnlyDictionary<string, string> Settings { get; } =
        new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "None" };
}
