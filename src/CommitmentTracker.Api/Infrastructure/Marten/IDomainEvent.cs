using JasperFx.Events;

namespace CommitmentTracker.Infrastructure.Marten;

/// <summary>Every event says who decided it and when, by the app's one clock (history and asOf read this time).</summary>
public interface IDomainEvent
{
    string By { get; }
    DateTimeOffset At { get; }
}

/// <summary>Events that need a reason say why.</summary>
public interface IHasReason
{
    string Reason { get; }
}

public static class DomainEvents
{
    /// <summary>Every event type the domain has, named as Marten stores them (and the feed, webhooks and history show them).</summary>
    public static IReadOnlySet<string> TypeNames => Names.Value;

    private static readonly Lazy<IReadOnlySet<string>> Names = new(() => typeof(IDomainEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IDomainEvent).IsAssignableFrom(t))
        .Select(t => t.GetEventTypeName()).ToHashSet());
}
