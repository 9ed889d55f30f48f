using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.ActionPlans;

namespace CommitmentTracker.Features.Documents;

/// <summary>Withdraw a document with a reason: the upload stays in history, the bytes are no longer served.</summary>
public sealed record WithdrawDocument([property: Required] string? Reason);

public static class DocumentDecider
{
    public static DocumentUploaded Upload(ActionPlan plan, StoredUpload upload, string by, DateTimeOffset now)
    {
        EnsureOpen(plan);
        return new DocumentUploaded(plan.Id, $"{plan.Id}-D{plan.Documents.Length + 1}", upload.Sha256, upload.FileName, upload.ContentType,
            upload.Length, upload.Title, by, now);
    }

    public static object[] Withdraw(ActionPlan plan, string documentId, WithdrawDocument c, string by, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.Required("reason", c.Reason).MaxLength("reason", c.Reason, 5000);
        errors.ThrowIfAny();
        var document = Find(plan, documentId);
        if (document.Withdrawn is not null) throw new RuleConflict($"Document {document.Id} was already withdrawn.");
        return [new DocumentWithdrawn(plan.Id, document.Id, c.Reason!.Trim(), by, now)];
    }

    public static PlanDocument Find(ActionPlan plan, string documentId) =>
        plan.Documents.FirstOrDefault(d => string.Equals(d.Id, documentId, StringComparison.OrdinalIgnoreCase))
        ?? throw new ResourceNotFound("Document", documentId);

    /// <summary>Checked before the body is read, so a refused upload stores nothing.</summary>
    public static void EnsureOpen(ActionPlan plan)
    {
        if (plan.Status == ActionPlanStatus.Withdrawn) throw new RuleConflict($"Action plan {plan.Id} is withdrawn; it takes no more documents.");
    }
}
