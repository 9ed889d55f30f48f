using Marten;

namespace CommitmentTracker.Infrastructure.Marten;

/// <summary>
/// A rule that needs to read before events are appended, which a pure decider cannot (for example, that cited documents
/// exist). <see cref="StreamWrites"/> runs every registered check on every write's events, in the write's session.
/// </summary>
public interface IAppendCheck
{
    /// <summary>Throws a domain error (400, 409) to refuse the write; nothing is appended then.</summary>
    Task Check(IQuerySession session, IReadOnlyList<object> events, CancellationToken ct);
}
