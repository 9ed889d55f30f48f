namespace CommitmentTracker.Infrastructure.Observability;

/// <summary>Names under which this service's own traces and metrics are published.</summary>
public static class Telemetry
{
    public const string ServiceName = "ogp-commitment-tracker";
    public const string MeterName = "CommitmentTracker";
    public const string EventsAppended = "ogp.events.appended";
    public const string ProjectionLag = "ogp.projection.lag";
    public const string EventsHead = "ogp.events.head";
}
