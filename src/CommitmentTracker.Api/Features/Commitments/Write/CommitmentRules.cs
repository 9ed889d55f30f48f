using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.Commitments;

/// <summary>Every commitment invariant, decided over current state. Pure: no I/O, the time comes in.</summary>
public static class CommitmentDecider
{
    public static readonly ActionPlanStatus[] OpenPlanStates = [ActionPlanStatus.Draft, ActionPlanStatus.CoCreation, ActionPlanStatus.Implementation];

    public static CommitmentMade Decide(MakeCommitment c, ActionPlan plan, string id, string by, DateTimeOffset now)
    {
        EnsurePlanOpen(plan, "commitments");
        var errors = new FieldErrors();
        var title = LocalizedText.Validate(errors, "title", c.Title, 1000, plan.DefaultLanguage);
        var description = Optional(errors, "description", c.Description, 20000);
        var problem = Optional(errors, "problem", c.Problem, 20000);
        var objective = Optional(errors, "objective", c.Objective, 20000);
        errors.Required("leadInstitution", c.LeadInstitution);
        ValidateInstitution(errors, "leadInstitution", c.LeadInstitution);
        foreach (var (s, i) in (c.SupportingInstitutions ?? []).Select((s, i) => (s, i))) ValidateInstitution(errors, $"supportingInstitutions[{i}]", s);
        if (c.PolicyAreas is not { Length: > 0 }) errors.Add("policyAreas", "needs at least one policy area.");
        errors.ThrowIfAny();
        return new CommitmentMade(id, plan.Id, plan.MemberCode, plan.DefaultLanguage, title!, description, problem, objective,
            c.LeadInstitution!, c.SupportingInstitutions ?? [], c.PolicyAreas!.Distinct().ToArray(),
            (c.OgpValues ?? []).Distinct().ToArray(), c.Subnational ?? false, by, now);
    }

    public static object[] Decide(Commitment s, ReviseCommitment c, string by, DateTimeOffset now)
    {
        EnsureNotWithdrawn(s);
        var errors = new FieldErrors();
        var title = c.Title is null ? null : LocalizedText.Validate(errors, "title", c.Title, 1000, s.DefaultLanguage);
        var description = Optional(errors, "description", c.Description, 20000);
        var problem = Optional(errors, "problem", c.Problem, 20000);
        var objective = Optional(errors, "objective", c.Objective, 20000);
        if (c.LeadInstitution is not null) ValidateInstitution(errors, "leadInstitution", c.LeadInstitution);
        foreach (var (inst, i) in (c.SupportingInstitutions ?? []).Select((s, i) => (s, i))) ValidateInstitution(errors, $"supportingInstitutions[{i}]", inst);
        if (c.PolicyAreas is { Length: 0 }) errors.Add("policyAreas", "needs at least one policy area.");
        if (c is { Title: null, Description: null, Problem: null, Objective: null, LeadInstitution: null, SupportingInstitutions: null, PolicyAreas: null, OgpValues: null })
            errors.Add("body", "names nothing to revise.");
        errors.ThrowIfAny();
        return [new CommitmentRevised(title, description, problem, objective, c.LeadInstitution, c.SupportingInstitutions,
            c.PolicyAreas?.Distinct().ToArray(), c.OgpValues?.Distinct().ToArray(), by, now)];
    }

    public static object[] Decide(Commitment s, ActionPlan plan, AddMilestone c, string by, DateTimeOffset now)
    {
        EnsureNotWithdrawn(s);
        EnsurePlanOpen(plan, "milestones");
        var errors = new FieldErrors();
        var title = LocalizedText.Validate(errors, "title", c.Title, 1000, s.DefaultLanguage);
        var deliverable = Optional(errors, "deliverable", c.Deliverable, 5000);
        errors.MaxLength("responsibleInstitution", c.ResponsibleInstitution, 300);
        ValidateDates(errors, c.Start, c.Due);
        if (c.Weight is <= 0 or > 1000) errors.Add("weight", "must be greater than 0 and at most 1000.");
        errors.ThrowIfAny();
        var id = $"{s.Id}-M{s.Milestones.Length + 1}";
        return [new MilestoneAdded(s.Id, id, title!, deliverable, c.ResponsibleInstitution?.Trim(), c.Start!.Value, c.Due!.Value, c.Weight, by, now)];
    }

    public static object[] Decide(Commitment s, string milestoneId, ReportMilestoneProgress c, string by, DateTimeOffset now)
    {
        EnsureNotWithdrawn(s);
        var milestone = Find(s, milestoneId);
        var errors = new FieldErrors();
        errors.Required("percent", c.Percent);
        if (c.Percent is < 0 or > 100) errors.Add("percent", "must be between 0 and 100.");
        errors.MaxLength("note", c.Note, 5000);
        ValidateEvidence(errors, c.Evidence);
        if (c.Status == MilestoneStatus.Met && c.Percent is < 100) errors.Add("status", "Met needs percent 100.");
        if (c.Status == MilestoneStatus.Scheduled && c.Percent == 100) errors.Add("status", "a milestone at 100% is Met, not Scheduled.");
        errors.ThrowIfAny();
        var percent = c.Percent!.Value;
        var status = c.Status ?? (percent == 100 ? MilestoneStatus.Met
            : milestone.Due >= DateOnly.FromDateTime(now.UtcDateTime) ? MilestoneStatus.Scheduled
            : percent > 0 ? MilestoneStatus.PartiallyMet : MilestoneStatus.NotMet);
        return [new MilestoneProgressReported(s.Id, milestone.Id, percent, status, milestone.Status, c.Note, c.Evidence ?? [], by, now)];
    }

    public static object[] Decide(Commitment s, string milestoneId, RescheduleMilestone c, string by, DateTimeOffset now)
    {
        EnsureNotWithdrawn(s);
        var milestone = Find(s, milestoneId);
        var errors = new FieldErrors();
        var start = c.Start ?? milestone.Start;
        ValidateDates(errors, start, c.Due);
        RequireReason(errors, c.Reason);
        if (c.Due == milestone.Due && start == milestone.Start) errors.Add("due", "is the same as the current schedule.");
        errors.ThrowIfAny();
        return [new MilestoneRescheduled(s.Id, milestone.Id, milestone.Start, milestone.Due, start, c.Due!.Value, c.Reason!.Trim(), by, now)];
    }

    public static object[] Decide(Commitment s, ChangeCompletion c, string by, DateTimeOffset now)
    {
        EnsureNotWithdrawn(s);
        var errors = new FieldErrors();
        errors.Required("completion", c.Completion);
        if (c.Completion == Completion.Withdrawn) errors.Add("completion", "use POST /withdraw to withdraw a commitment.");
        RequireReason(errors, c.Reason);
        ValidateEvidence(errors, c.Evidence);
        errors.ThrowIfAny();
        if (c.Completion == s.Completion) throw new RuleConflict($"The completion is already {s.Completion}.");
        return [new CommitmentCompletionChanged(s.Id, s.Completion, c.Completion!.Value, c.Reason!.Trim(), c.Evidence ?? [], by, now)];
    }

    public static object[] Decide(Commitment s, WithdrawCommitment c, string by, DateTimeOffset now)
    {
        EnsureNotWithdrawn(s);
        var errors = new FieldErrors();
        RequireReason(errors, c.Reason);
        errors.ThrowIfAny();
        return [new CommitmentWithdrawn(s.Id, s.Completion, c.Reason!.Trim(), by, now)];
    }

    public static void EnsureNotWithdrawn(Commitment s)
    {
        if (s.Withdrawn) throw new RuleConflict($"Commitment {s.Id} is withdrawn; it takes no more changes.");
    }

    private static void EnsurePlanOpen(ActionPlan plan, string what)
    {
        if (!OpenPlanStates.Contains(plan.Status))
            throw new RuleConflict($"Action plan {plan.Id} is {plan.Status}; {what} can be added only in Draft, CoCreation or Implementation.");
    }

    private static Milestone Find(Commitment s, string milestoneId) =>
        s.Milestones.FirstOrDefault(m => string.Equals(m.Id, milestoneId, StringComparison.OrdinalIgnoreCase))
        ?? throw new ResourceNotFound("Milestone", milestoneId);

    private static Dictionary<string, string>? Optional(FieldErrors errors, string field, Dictionary<string, string>? text, int max) =>
        text is null ? null : LocalizedText.Validate(errors, field, text, max);

    private static void ValidateDates(FieldErrors errors, DateOnly? start, DateOnly? due)
    {
        errors.Required("start", start).Required("due", due);
        if (start is { } s && due is { } d && d < s) errors.Add("due", "must not be before start.");
    }

    private static void RequireReason(FieldErrors errors, string? reason) =>
        errors.Required("reason", reason).MaxLength("reason", reason, 5000);

    private static void ValidateInstitution(FieldErrors errors, string field, Institution? institution)
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
