using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Infrastructure.Configuration;
using OpenTelemetry.Exporter;

namespace CommitmentTracker.Infrastructure.Observability;

/// <summary><c>Logging:Json</c>: one JSON object per log line, with scopes; unset means on outside Development.</summary>
public sealed class LogFormatOptions : ISettings
{
    public static string Section => "Logging";

    public bool? Json { get; set; }
}

/// <summary>
/// <c>OpenTelemetry:*</c>: the OTLP exporter is off until <see cref="OtlpEndpoint"/> (or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) names a collector; <see cref="LagSampleSeconds"/> is how often the leading worker
/// samples the projection lag.
/// </summary>
public sealed class OpenTelemetryOptions : ISettings
{
    public static string Section => "OpenTelemetry";

    [AbsoluteUrl] public string? OtlpEndpoint { get; set; }

    [RegularExpression("^(?i)(grpc|http/protobuf|http)$", ErrorMessage = "must be grpc or http/protobuf")]
    public string OtlpProtocol { get; set; } = "grpc";

    [Required] public string ServiceName { get; set; } = Telemetry.ServiceName;

    [PositiveDuration(3600)] public double LagSampleSeconds { get; set; } = 15;

    public OtlpExportProtocol Protocol => OtlpProtocol.Equals("grpc", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
}
