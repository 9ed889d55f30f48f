using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Marten;
using Marten;

namespace CommitmentTracker.Features.Documents;

/// <summary>Evidence that points to a document must point to one of its plan's documents that is not withdrawn.</summary>
public sealed class CitedDocuments : IAppendCheck
{
    public async Task Check(IQuerySession session, IReadOnlyList<object> events, CancellationToken ct)
    {
        var cited = events.OfType<IHasEvidence>()
            .SelectMany(e => e.Evidence.Select((link, i) => (Field: $"{e.EvidenceField}[{i}].documentId", e.CommitmentId, link.DocumentId)))
            .Where(c => c.DocumentId is not null).ToList();
        if (cited.Count == 0) return;
        var errors = new FieldErrors();
        foreach (var byCommitment in cited.GroupBy(c => c.CommitmentId))
        {
            var commitment = await session.LoadAsync<Commitment>(byCommitment.Key, ct);
            var plan = commitment is null ? null : await session.LoadAsync<ActionPlan>(commitment.PlanId, ct);
            foreach (var (field, _, documentId) in byCommitment)
            {
                var document = plan?.Documents.FirstOrDefault(d => d.Id == documentId);
                if (document is null) errors.Add(field, $"'{documentId}' is not a document of plan {plan?.Id}; upload it to the plan first.");
                else if (document.Withdrawn is not null) errors.Add(field, $"document '{documentId}' was withdrawn ({document.Withdrawn.Reason}); cite another.");
            }
        }
        errors.ThrowIfAny();
    }
}
