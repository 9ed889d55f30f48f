using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Http;
using JasperFx.Events.Aggregation;
using Marten;

namespace CommitmentTracker.Features.Import;

/// <summary>
/// The events one commitment row makes, decided step by step by the commitment deciders on the state the earlier steps
/// fold to. A step the deciders refuse is recorded against the row's field and the row goes on being checked, so every
/// error in the file is reported at once.
/// </summary>
internal sealed class RowSteps(IDocumentSession session, IAggregator<Commitment, IQuerySession> aggregator, FieldErrors errors, Commitment? state, CancellationToken ct)
{
    public Commitment? State { get; set; } = state;
    public List<object> Events { get; } = [];
    public bool Valid { get; private set; } = true;

    /// <param name="key">The file's name for a decider's field.</param>
    /// <param name="conflicts">Where a rule conflict goes, under <paramref name="conflictField"/>; without it, a conflict refuses the whole import.</param>
    public async Task Step(Func<Commitment?, object[]> decide, Func<string, string> key, FieldErrors? conflicts = null, string? conflictField = null)
    {
        try
        {
            var decided = decide(State);
            Events.AddRange(decided);
            State = await aggregator.BuildAsync(decided.Select(session.Events.BuildEvent).ToList(), session, State, ct);
        }
        catch (ValidationFailed v)
        {
            Valid = false;
            foreach (var (field, messages) in v.Errors) foreach (var message in messages) errors.Add(key(field), message);
        }
        catch (RuleConflict r) when (conflicts is not null)
        {
            Valid = false;
            conflicts.Add(conflictField!, r.Message);
        }
    }
}
