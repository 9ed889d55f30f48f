using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

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
        if (config.GetValue("Logging:Json", !builder.Environment.IsDevelopment()))
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
            .ConfigureResource(r => r.AddService(config["OpenTelemetry:ServiceName"] ?? Telemetry.ServiceName))
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

        if (config["OpenTelemetry:OtlpEndpoint"] is { Length: > 0 } endpoint)
            otel.UseOtlpExporter(Protocol(config["OpenTelemetry:OtlpProtocol"]), new Uri(endpoint));
        else if (!string.IsNullOrWhiteSpace(config["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter(); // reads the standard OTEL_EXPORTER_OTLP_* settings itself
        return builder;
    }

    private static OtlpExportProtocol Protocol(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new InvalidOperationException($"OpenTelemetry:OtlpProtocol must be grpc or http/protobuf, not '{name}'."),
    };
}
