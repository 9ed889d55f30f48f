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
            // The write's own commitment, so it exists; its plan holds the documents.
            var commitment = await session.LoadAsync<Commitment>(byCommitment.Key, ct) ?? throw new ResourceNotFound("Commitment", byCommitment.Key);
            var plan = await session.LoadAsync<ActionPlan>(commitment.PlanId, ct) ?? throw new ResourceNotFound("Action plan", commitment.PlanId);
            foreach (var (field, _, documentId) in byCommitment) References.Document(errors, field, documentId!, plan);
        }
        errors.ThrowIfAny();
    }
}
