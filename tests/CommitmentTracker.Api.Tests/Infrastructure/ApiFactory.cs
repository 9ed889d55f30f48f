using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>
/// The real host over real PostgreSQL, in a schema of its own. One per test class (IClassFixture), so classes
/// run in parallel without seeing each other's data.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";

    private string connectionString = "";
    private AlbaHost? alba;

    /// <summary>A fresh schema per fixture; a host that must restart over the same data can be given another host's schema.</summary>
    public string Schema { get; init; } = "t_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>False for a host whose schema a later host takes over.</summary>
    public bool DropSchemaOnDispose { get; init; } = true;
    public TestClock Clock { get; } = new(new DateTimeOffset(2024, 6, 1, 9, 0, 0, TimeSpan.Zero));
    public SqlCounter Sql { get; } = new();
    public LogCapture Logs { get; } = new();
    public string ConnectionString => connectionString;

    public virtual async Task InitializeAsync()
    {
        connectionString = await ConnectionStringAsync();
        StartServer(); // start the host now: Marten applies its schema on start
    }

    /// <summary>The server this host uses: the run's shared one, unless a fixture needs one of its own.</summary>
    protected virtual Task<string> ConnectionStringAsync() => PostgresServer.ConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        builder.UseSetting("Marten:Schema", Schema);
        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Tests fire many requests from one address; RateLimitTests turns the limits back on.
        builder.UseSetting("RateLimits:Enabled", "false");
        // Test receivers listen on loopback; WebhookTargetTests turns the SSRF guard back on.
        builder.UseSetting("Webhooks:AllowPrivateTargets", "true");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock).AddSingleton<IMartenLogger>(Sql));
    }

    /// <summary>
    /// The app as an Alba host, for HTTP tests written as Alba scenarios (<see cref="Scenario"/>). It is this factory's own
    /// host, built through <see cref="CreateHost"/>, so Services, Store and CreateClient see the same app.
    /// </summary>
    public IAlbaHost Alba
    {
        get
        {
            _ = Server;
            return alba!;
        }
    }

    protected override IHost CreateHost(IHostBuilder builder) => alba = new AlbaHost(builder);

    /// <summary>One request as an Alba scenario, sent with <paramref name="key"/> as X-Api-Key when given. Alba checks the
    /// status: 200 unless the scenario names another.</summary>
    public Task<IScenarioResult> Scenario(Action<Scenario> configure, string? key = null) => Alba.Scenario(s =>
    {
        if (key is not null) s.WithRequestHeader("X-Api-Key", key);
        configure(s);
    });

    /// <summary>Extra configuration for a host that must differ from the default one.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <summary>Requests as this caller, each an Alba scenario: <c>await api.As(Caller.Admin).Post(url, body)</c>.</summary>
    public Scenarios As(Caller caller) => new(Alba, caller);

    // HttpClient, not Alba: these are the HttpClients for the tests that need HttpClient's own behaviour (each says why).
    public HttpClient Anonymous() => CreateClient();

    public HttpClient WithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public HttpClient Admin() => WithKey(AdminKey);

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    /// <summary>How many events the store holds in all: the proof that a refused request wrote nothing.</summary>
    /// <remarks>Marten fills the sequence numbers of a rolled-back append with tombstone events; they are not writes.</remarks>
    public async Task<long> EventCount()
    {
        await using var session = Store.QuerySession();
        return (await session.QueryAsync<long>($"select count(*) from {Schema}.mt_events where type <> 'tombstone'")).Single();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync(); // virtual: a subclass disposes what it started too
        if (!DropSchemaOnDispose) return;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop schema if exists {Schema} cascade", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
