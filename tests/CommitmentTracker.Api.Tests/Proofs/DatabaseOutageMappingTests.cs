using System.Net.Sockets;
using CommitmentTracker.Infrastructure.Http;
using Npgsql;

namespace CommitmentTracker.Api.Tests.Proofs;

/// <summary>Every way a database outage surfaces becomes 503 (retry later), however Marten wraps it; a real bug stays 500.</summary>
public sealed class DatabaseOutageMappingTests
{
    public static TheoryData<string, Exception> Outages => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)) },
        { "connection reset", new NpgsqlException("Exception while writing to stream", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))) },
        { "server gone mid-read", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "57P01 admin shutdown", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01") },
        { "57P02 crash shutdown", new PostgresException("terminating connection because of crash of another server process", "FATAL", "FATAL", "57P02") },
        { "57P03 starting up", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03") },
        { "08006 connection failure", new PostgresException("connection failure", "FATAL", "FATAL", "08006") },
        { "pool timeout", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()) },
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public void An_outage_is_503_even_when_wrapped(string what, Exception outage)
    {
        Assert.True(ProblemExceptionHandler.ToProblem(outage).Status == 503, what);
        // Marten wraps driver failures (MartenCommandException and the like): the mapping looks through the wrapper.
        Assert.Equal(503, ProblemExceptionHandler.ToProblem(new InvalidOperationException("Marten Command Failure", outage)).Status);
    }

    [Fact]
    public void A_cancellation_is_499_only_when_the_client_closed_the_request()
    {
        Assert.Equal(499, ProblemExceptionHandler.ToProblem(new TaskCanceledException(), clientClosed: true).Status);
        // The client still waits (the service stopping, or a timeout of ours): retry later, not "you went away".
        Assert.Equal(503, ProblemExceptionHandler.ToProblem(new OperationCanceledException()).Status);
    }

    [Fact]
    public void A_constraint_violation_is_not_an_outage() =>
        Assert.Equal(500, ProblemExceptionHandler.ToProblem(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")).Status);
}
