using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Configuration;
using CommitmentTracker.Infrastructure.Hosting;
using CommitmentTracker.Infrastructure.Idempotency;
using CommitmentTracker.Infrastructure.Observability;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Weasel.Core;
using Weasel.Postgresql;

namespace CommitmentTracker.Infrastructure.Marten;

public static class EventStoreSetup
{
    /// <summary>
    /// Marten on PostgreSQL: string stream keys (member codes, plan and commitment ids), inline snapshots. Worker processes
    /// run the async daemon in HotCold mode: every async projection or subscription runs in exactly one of them and moves to
    /// another when that one dies. API replicas run none.
    /// </summary>
    public static IServiceCollection AddEventStore(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<ConnectionStringsOptions>();
        services.AddSettings<MartenSchemaOptions>();
        // Read the settings when the store is built, so hosts and tests can override them late.
        services.AddMarten(sp =>
            {
                var opts = Options(sp.GetRequiredService<ConnectionStringsOptions>().Postgres!, sp.GetRequiredService<MartenSchemaOptions>().Schema);
                // A host may plug in a command logger (the tests count SQL round trips with one).
                if (sp.GetService<IMartenLogger>() is { } logger) opts.Logger(logger);
                opts.Listeners.Add(sp.GetRequiredService<AppendedEventsListener>());
                return opts;
            })
            .UseLightweightSessions()
            .BuildSessionsWith<ActorSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(config.Settings<WorkerOptions>().Enabled ? DaemonMode.HotCold : DaemonMode.Disabled);
        services.AddScoped<StreamWrites>();
        return services;
    }

    /// <summary>
    /// Documents and events written by this app are compressed with LZ4 instead of PostgreSQL's default pglz, whatever the
    /// server's own setting: a commitment document (4.4 KB) is rewritten on every progress report and read on every GET.
    /// Measured at 100k commitments: writing them took 18 s instead of 26 s, reading them back 0.8 s instead of 2.2 s.
    /// </summary>
    private static string WithLz4Documents(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c default_toast_compression=lz4".Trim();
        return builder.ConnectionString;
    }

    private static int SchemaLockId(string purpose, string schema) =>
        BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"ogp-{purpose}:{schema}")));

    /// <summary>The store's whole shape: events, inline snapshots, indexes. Tools (the bench generator) build the same store from it.</summary>
    public static StoreOptions Options(string connectionString, string schema)
    {
        var opts = new StoreOptions();
        opts.Connection(WithLz4Documents(connectionString));
        opts.DatabaseSchemaName = schema;
        // Marten's advisory locks, apart per schema: stores that share a server (the tests' do) neither elect one HotCold
        // daemon between them nor queue behind each other to apply their schema changes at start-up, while the processes
        // of one store still do both one at a time.
        opts.Projections.DaemonLockId = SchemaLockId("daemon", schema);
        opts.ApplyChangesLockId = SchemaLockId("migrations", schema);
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;

        // Each slice registers its own snapshots, duplicated columns and indexes.
        foreach (var slice in typeof(EventStoreSetup).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IStorageSlice)))
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
            ((IStorageSlice)Activator.CreateInstance(slice)!).Configure(opts);
        opts.Schema.For<ApiKey>();
        opts.Schema.For<WorkspaceSession>();
        opts.Schema.For<DataProtectionKey>();
        opts.Schema.For<IdempotentRequest>();
        return opts;
    }
}
