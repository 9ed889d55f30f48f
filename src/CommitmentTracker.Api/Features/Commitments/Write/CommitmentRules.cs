using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Documents;
using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.Commitments;

/// <summary>The rules several commitment commands share; each command's own rules are in its file. Pure: no I/O.</summary>
public static class CommitmentRules
{
    public static readonly ActionPlanStatus[] OpenPlanStates = [ActionPlanStatus.Draft, ActionPlanStatus.CoCreation, ActionPlanStatus.Implementation];

    public static void EnsureNotWithdrawn(Commitment s)
    {
        if (s.Withdrawn) throw new RuleConflict($"Commitment {s.Id} is withdrawn; it takes no more changes.");
    }

    public static void EnsurePlanOpen(ActionPlan plan, string what)
    {
        if (!OpenPlanStates.Contains(plan.Status))
            throw new RuleConflict($"Action plan {plan.Id} is {plan.Status}; {what} can be added only in Draft, CoCreation or Implementation.");
    }

    public static Milestone Find(Commitment s, string milestoneId) =>
        s.Milestones.FirstOrDefault(m => string.Equals(m.Id, milestoneId, StringComparison.OrdinalIgnoreCase))
        ?? throw new ResourceNotFound("Milestone", milestoneId);

    public static Dictionary<string, string>? Optional(FieldErrors errors, string field, Dictionary<string, string>? text, int max) =>
        text is null ? null : LocalizedText.Validate(errors, field, text, max);

    public static void ValidateDates(FieldErrors errors, DateOnly? start, DateOnly? due)
    {
        errors.Required("start", start).Required("due", due);
        if (start is { } s && due is { } d && d < s) errors.Add("due", "must not be before start.");
    }

    public static void RequireReason(FieldErrors errors, string? reason) =>
        errors.Required("reason", reason).MaxLength("reason", reason, 5000);

    public static void ValidateInstitution(FieldErrors errors, string field, Institution? institution)
    {
        if (institution is null) return;
        errors.Required($"{field}.name", institution.Name).MaxLength($"{field}.name", institution.Name, 300);
    }

    /// <summary>
    /// The evidence as stored: each item a public http(s) url, or a <c>documentId</c> of the plan <paramref name="planId"/>,
    /// whose url becomes the document's download path. Whether the document exists and is not withdrawn is checked on
    /// write (<c>CitedDocuments</c>), since a decider reads nothing.
    /// </summary>
    public static EvidenceLink[] Evidence(FieldErrors errors, EvidenceLink[]? evidence, string planId, string field = "evidence")
    {
        if (evidence is null) return [];
        if (evidence.Length > 50) errors.Add(field, "at most 50 links.");
        var stored = new EvidenceLink[evidence.Length];
        foreach (var (link, i) in evidence.Select((l, i) => (l, i)))
        {
            errors.MaxLength($"{field}[{i}].title", link.Title, 500).MaxLength($"{field}[{i}].type", link.Type, 100);
            stored[i] = link;
            if (string.IsNullOrWhiteSpace(link.DocumentId))
            {
                if (!Uri.TryCreate(link.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || link.Url.Length > 2000)
                    errors.Add($"{field}[{i}].url", "must be an absolute http(s) URL of at most 2000 characters, or give a documentId instead.");
                continue;
            }
            var documentId = link.DocumentId.Trim().ToUpperInvariant();
            if (!string.IsNullOrEmpty(link.Url))
                errors.Add($"{field}[{i}]", "give exactly one of url (a public link) and documentId (a document uploaded to the plan).");
            else if (!documentId.StartsWith(planId + "-D", StringComparison.Ordinal))
                errors.Add($"{field}[{i}].documentId", $"'{Short(documentId)}' is not a document of plan {planId}; upload it to the plan first.");
            stored[i] = link with { Url = PlanDocument.PathFor(planId, documentId), DocumentId = documentId };
        }
        return stored;
    }

    private static string Short(string text) => text.Length > 50 ? text[..50] + "…" : text;
}
