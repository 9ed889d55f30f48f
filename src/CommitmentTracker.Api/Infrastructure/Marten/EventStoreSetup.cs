using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Idempotency;
using CommitmentTracker.Infrastructure.Observability;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using NpgsqlTypes;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace CommitmentTracker.Infrastructure.Marten;

public static class EventStoreSetup
{
    /// <summary>Marten on PostgreSQL: string stream keys (member codes, plan and commitment ids), inline snapshots.</summary>
    public static IServiceCollection AddEventStore(this IServiceCollection services)
    {
        // Read configuration when the store is built, so hosts and tests can override it late.
        services.AddMarten(sp =>
            {
                var config = sp.GetRequiredService<IConfiguration>();
                var opts = Options(config.GetConnectionString("Postgres")
                    ?? throw new InvalidOperationException("Set ConnectionStrings:Postgres (env ConnectionStrings__Postgres)."),
                    config["Marten:Schema"] ?? "ogp");
                // A host may plug in a command logger (the tests count SQL round trips with one).
                if (sp.GetService<IMartenLogger>() is { } logger) opts.Logger(logger);
                opts.Listeners.Add(sp.GetRequiredService<AppendedEventsListener>());
                return opts;
            })
            .UseLightweightSessions()
            .BuildSessionsWith<ActorSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup();
        services.AddScoped<StreamWrites>();
        services.AddScoped<CommitmentsEndpoints.CommitmentWriter>();
        return services;
    }

    /// <summary>
    /// How a rebuild replays: large pages of events, and each aggregate's final state written once per 10,000 aggregates
    /// (binary COPY) instead of an upsert per page. Inline writes are unaffected.
    /// </summary>
    private static void Rebuilds(AsyncOptions options)
    {
        options.BatchSize = 5_000;
        options.RebuildFlushThreshold = 10_000;
    }

    /// <summary>The store's whole shape: events, inline snapshots, indexes. Tools (the bench generator) build the same store from it.</summary>
    public static StoreOptions Options(string connectionString, string schema)
    {
        var opts = new StoreOptions();
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = schema;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;

        opts.Projections.Snapshot<Member>(SnapshotLifecycle.Inline, Rebuilds);
        opts.Projections.Snapshot<ActionPlan>(SnapshotLifecycle.Inline, Rebuilds);
        opts.Schema.For<ActionPlan>().Index(p => p.MemberCode);
        opts.Projections.Snapshot<Commitment>(SnapshotLifecycle.Inline, Rebuilds);
        opts.Schema.For<Commitment>()
            // Rows past 256 bytes move their document and search text out of line, so the heap the stats scan holds
            // only the narrow columns below (at 83k commitments: 19 MB instead of 133 MB).
            .StorageParameter("toast_tuple_target", 256)
            // Filters, sorts and dashboard stats read these columns, never the large (TOASTed) document: at 100k
            // commitments a GROUP BY over the JSON took seconds (bench/RESULTS.md).
            .Duplicate(c => c.MemberCode).Duplicate(c => c.PlanId).Duplicate(c => c.Completion).Duplicate(c => c.Progress)
            .Duplicate(c => c.EarliestOpenDue).Duplicate(c => c.Starred).Duplicate(c => c.IrmResultsCompletion)
            .Duplicate(c => c.PolicyAreaMask).Duplicate(c => c.OgpValueMask);
        opts.Projections.Snapshot<CommitmentSearch>(SnapshotLifecycle.Inline, Rebuilds);
        opts.Schema.For<CommitmentSearch>()
            // The words (a tsvector) and the texts go out of line, so a count over the full-text index reads narrow rows.
            .StorageParameter("toast_tuple_target", 256)
            // Sent untyped, so PostgreSQL reads the text as the column's tsvector.
            .Duplicate(s => s.Words, pgType: "tsvector", dbType: NpgsqlDbType.Unknown, configure: i => i.Method = IndexMethod.gin);
        opts.Projections.Snapshot<CsoAssessment>(SnapshotLifecycle.Inline, Rebuilds);
        opts.Schema.For<CsoAssessment>().Index(a => a.CommitmentId);
        opts.Schema.For<ApiKey>();
        opts.Schema.For<IdempotentRequest>();
        return opts;
    }
}
