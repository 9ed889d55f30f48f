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
