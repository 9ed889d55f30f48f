using System.Diagnostics;
using Testcontainers.PostgreSql;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL for the whole test run: TEST_DATABASE_URL if set, else a Testcontainers server when Docker
/// runs, else a throwaway local server from deploy/local-postgres.sh (the same script the run command uses).
/// Test classes isolate themselves by schema, so they can run in parallel.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    public static Task<string> ConnectionString => Server.Value;

    private static async Task<string> StartAsync()
    {
        var connection = await ResolveAsync();
        // Hosts start in parallel, and concurrent CREATE EXTENSION IF NOT EXISTS can collide; create it once up front.
        await using var db = new Npgsql.NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var create = new Npgsql.NpgsqlCommand("create extension if not exists pg_trgm", db);
        await create.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<string> ResolveAsync()
    {
        var given = Environment.GetEnvironmentVariable("TEST_DATABASE_URL");
        if (!string.IsNullOrWhiteSpace(given)) return given;
        if (DockerLooksAvailable())
        {
            try
            {
                var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
                await container.StartAsync();
                return container.GetConnectionString();
            }
            catch (DotNet.Testcontainers.Builders.DockerUnavailableException) { /* fall through to local binaries */ }
        }
        return StartLocal();
    }

    private static bool DockerLooksAvailable() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");

    private static string StartLocal()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"ct-test-pg-{Environment.ProcessId}");
        var connection = Local("start", dataDir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAndDelete(dataDir);
        return connection;
    }

    public static void StopAndDelete(string dataDir)
    {
        Local("stop", dataDir);
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Runs deploy/local-postgres.sh on a local server of its own in <paramref name="dataDir"/> (start, stop, crash, status);
    /// returns the last line it printed (for start, the connection string).
    /// </summary>
    public static string Local(string command, string dataDir, int? portFrom = null)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repo.Root, "deploy", "local-postgres.sh"), command, dataDir])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        if (portFrom is { } from) start.Environment["CT_PG_PORT_FROM"] = from.ToString();
        // A given connection string would short-circuit the script; here we want the local server.
        start.Environment.Remove("ConnectionStrings__Postgres");
        start.Environment.Remove("TEST_DATABASE_URL");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(dataDir, "server.log");
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(15)) : "";
            throw new InvalidOperationException($"local-postgres.sh {command} failed: {stderr.Result}\n{tail}");
        }
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "";
    }
}
