using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>
/// The service as operators run it: its own process (`dotnet CommitmentTracker.Api.dll`) on a free port, Production
/// environment, reading the schema of a test fixture. Its standard output is kept line by line.
/// </summary>
// HttpClient, not Alba: the service runs in another process, reached over a real socket.
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private ServiceProcess(Process process, Uri url)
    {
        this.process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lines.Enqueue(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lines.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Url { get; }
    public IReadOnlyList<string> Output => lines.ToArray();
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    public static async Task<ServiceProcess> Start(string schema, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = typeof(Program).Assembly.Location;
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)!,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = url.ToString(),
                ["ConnectionStrings__Postgres"] = await PostgresServer.ConnectionString,
                ["Marten__Schema"] = schema,
                ["Auth__BootstrapAdminKey"] = "",
                ["RateLimits__Enabled"] = "false",
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key.Replace(":", "__")] = value;
        var service = new ServiceProcess(Process.Start(start)!, url);
        using var client = new HttpClient { BaseAddress = url };
        await Eventually.Holds(async () =>
        {
            Assert.False(service.HasExited, "the service exited at start:\n" + string.Join('\n', service.Output));
            try { return (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(60));
        return service;
    }

    /// <summary>A client of this process, signed in with the fixture's admin key.</summary>
    public HttpClient AdminClient()
    {
        var client = new HttpClient { BaseAddress = Url };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.AdminKey);
        return client;
    }

    /// <summary>SIGTERM, as `docker stop`, systemd or Kubernetes send it.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();

    public async Task<int> Exited(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
