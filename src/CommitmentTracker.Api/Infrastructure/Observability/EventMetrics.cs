using System.Diagnostics.Metrics;

namespace CommitmentTracker.Infrastructure.Observability;

/// <summary>Events committed to the event store, by event type.</summary>
public sealed class EventMetrics(IMeterFactory meters)
{
    private readonly Counter<long> appended = meters.Create(Telemetry.MeterName)
        .CreateCounter<long>(Telemetry.EventsAppended, "{event}", "Events committed to the event store, by event type.");

    public void Appended(string eventType) => appended.Add(1, new KeyValuePair<string, object?>("event.type", eventType));
}
