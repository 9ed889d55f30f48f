using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Infrastructure.Http;
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

    public static void ValidateEvidence(FieldErrors errors, EvidenceLink[]? evidence, string field = "evidence")
    {
        if (evidence is null) return;
        if (evidence.Length > 50) errors.Add(field, "at most 50 links.");
        foreach (var (link, i) in evidence.Select((l, i) => (l, i)))
        {
            if (!Uri.TryCreate(link.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || link.Url.Length > 2000)
                errors.Add($"{field}[{i}].url", "must be an absolute http(s) URL of at most 2000 characters.");
            errors.MaxLength($"{field}[{i}].title", link.Title, 500).MaxLength($"{field}[{i}].type", link.Type, 100);
        }
    }
}
