using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

using CommitmentTracker.Infrastructure.Configuration;

namespace CommitmentTracker.Infrastructure.Observability;

public static class ObservabilitySetup
{
    /// <summary>
    /// Structured JSON logs, and OpenTelemetry traces and metrics for ASP.NET Core, HttpClient, Npgsql, the runtime
    /// and this service's own instruments. The OTLP exporter is off until <c>OpenTelemetry:OtlpEndpoint</c> or the
    /// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector.
    /// </summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Services.AddSettings<LogFormatOptions>();
        builder.Services.AddSettings<OpenTelemetryOptions>();
        var otlp = config.Settings<OpenTelemetryOptions>();
        if (config.Settings<LogFormatOptions>().Json ?? !builder.Environment.IsDevelopment())
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true; // request id, path, trace and span ids
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });

        builder.Services.AddSingleton<ProjectionLag>();
        builder.Services.AddSingleton<EventMetrics>();
        builder.Services.AddSingleton<AppendedEventsListener>();
        builder.Services.AddHostedService<ProjectionLagSampler>();

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(otlp.ServiceName))
            .WithTracing(t => t
                // Probes every few seconds would drown the traces that matter.
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", Telemetry.MeterName));

        if (otlp.OtlpEndpoint is { Length: > 0 } endpoint)
            otel.UseOtlpExporter(otlp.Protocol, new Uri(endpoint));
        else if (StandardOtlpEndpointSet(config))
            otel.UseOtlpExporter(); // reads the standard OTEL_EXPORTER_OTLP_* settings itself
        return builder;
    }

    /// <summary>The OpenTelemetry SDK's own variable, which the SDK reads and binds itself: we only ask whether it is set.</summary>
    private static bool StandardOtlpEndpointSet(IConfiguration config) =>
        !string.IsNullOrWhiteSpace(config.GetSection("OTEL_EXPORTER_OTLP_ENDPOINT").Value);
}
