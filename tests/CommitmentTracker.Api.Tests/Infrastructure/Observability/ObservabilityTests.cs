using System.Diagnostics.Metrics;
using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Observability;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CommitmentTracker.Api.Tests.Infrastructure.Observability;

public sealed class ObservabilityTests(OtlpApi api) : IClassFixture<OtlpApi>
{
    [Fact]
    public async Task Appended_events_are_counted_by_type_once_committed_and_refused_writes_count_nothing()
    {
        using var counted = new Measurements<long>(api, Telemetry.EventsAppended);

        await (await api.As(Caller.Admin).Post("/api/members", Given.Member("AM", lang: "hy"))).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Admin).Post("/api/members", Given.Member("AM", lang: "hy"))).Expect(HttpStatusCode.Conflict);

        var registered = counted.Values.Where(m => Equals(m.Tags["event.type"], nameof(MemberRegistered))).Sum(m => m.Value);
        Assert.Equal(1, registered);
    }

    [Fact]
    public async Task Projection_lag_is_the_last_committed_sequence_minus_each_consumers_checkpoint()
    {
        await (await api.As(Caller.Admin).Post("/api/members", Given.Member("UA", lang: "uk"))).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("UA"))).Expect(HttpStatusCode.Created);
        // A consumer that has processed only the first event, recorded where Marten's async daemon keeps its own.
        await using (var session = api.Store.LightweightSession())
        {
            session.QueueSqlCommand($"insert into {api.Schema}.mt_event_progression (name, last_seq_id) values ('Dashboard:All', 1)");
            await session.SaveChangesAsync();
        }
        await using var query = api.Store.QuerySession();
        var head = (await query.QueryAsync<long>($"select max(seq_id) from {api.Schema}.mt_events")).Single();

        await api.Services.GetRequiredService<ProjectionLag>().RefreshAsync(CancellationToken.None);
        using var lag = new Measurements<long>(api, Telemetry.ProjectionLag);
        using var last = new Measurements<long>(api, Telemetry.EventsHead);
        lag.Observe();
        last.Observe();

        Assert.True(head >= 2);
        Assert.Equal(head, Assert.Single(last.Values).Value);
        Assert.Equal(head - 1, Assert.Single(lag.Values, m => Equals(m.Tags["consumer"], "Dashboard:All")).Value);
    }

    [Fact]
    public async Task A_webhook_subscription_that_cannot_deliver_lags_by_every_event_written_since_it_was_created()
    {
        // Port 9 (discard) has no listener here: every delivery fails, so the checkpoint stays where it started.
        var hook = await (await api.As(Caller.Admin).Post("/api/webhooks", new { url = "http://127.0.0.1:9/hook" })).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Admin).Post("/api/members", Given.Member("KG", lang: "ky"))).Expect(HttpStatusCode.Created);
        await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan("KG"))).Expect(HttpStatusCode.Created);

        var snapshot = await api.Services.GetRequiredService<ProjectionLag>().RefreshAsync(CancellationToken.None);

        var consumer = $"webhook:{hook["id"]!.GetValue<string>()}";
        Assert.Equal(2, Assert.Single(snapshot.Consumers, c => c.Name == consumer).Lag);
    }

    [Fact]
    public async Task The_otlp_exporter_ships_request_and_sql_spans_and_the_services_metrics_to_the_configured_endpoint()
    {
        await (await api.As(Caller.Admin).Post("/api/members", Given.Member("MD", lang: "ro"))).Expect(HttpStatusCode.Created);

        Assert.True(api.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(api.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        Assert.True(api.Collector.Received("/v1/traces", "/api/members"), "no ASP.NET Core span for POST /api/members");
        Assert.True(api.Collector.Received("/v1/traces", "postgresql"), "no Npgsql span");
        Assert.True(api.Collector.Received("/v1/metrics", Telemetry.EventsAppended), "no appended-events counter");
        Assert.True(api.Collector.Received("/v1/metrics", "http.server.request.duration"), "no ASP.NET Core metrics");
    }

    /// <summary>What one instrument of this host (not of the other test hosts in the process) records.</summary>
    private sealed class Measurements<T> : IDisposable where T : struct
    {
        private readonly MeterListener listener = new();
        private readonly List<(T Value, Dictionary<string, object?> Tags)> values = [];

        public Measurements(ApiFactory api, string instrument)
        {
            var meters = api.Services.GetRequiredService<IMeterFactory>();
            listener.InstrumentPublished = (i, l) =>
            {
                if (i.Name == instrument && ReferenceEquals(i.Meter.Scope, meters)) l.EnableMeasurementEvents(i);
            };
            listener.SetMeasurementEventCallback<T>((_, value, tags, _) =>
            {
                lock (values) values.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            });
            listener.Start();
        }

        public IReadOnlyList<(T Value, Dictionary<string, object?> Tags)> Values
        {
            get { lock (values) return values.ToList(); }
        }

        public void Observe() => listener.RecordObservableInstruments();

        public void Dispose() => listener.Dispose();
    }
}
