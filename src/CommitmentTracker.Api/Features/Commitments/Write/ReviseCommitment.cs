using CommitmentTracker.Infrastructure.Localization;

namespace CommitmentTracker.Features.Commitments;

/// <summary>Revise a commitment's details; omitted fields stay as they are.</summary>
public sealed record ReviseCommitment(
    Dictionary<string, string>? Title, Dictionary<string, string>? Description, Dictionary<string, string>? Problem,
    Dictionary<string, string>? Objective, Institution? LeadInstitution, Institution[]? SupportingInstitutions,
    PolicyArea[]? PolicyAreas, OgpValue[]? OgpValues) : EffectiveWrite
{
    /// <summary>The command: what the client sent, who and when.</summary>
    public sealed record Command(ReviseCommitment Body, string By, DateTimeOffset Now);

    public static object[] Decide(Commitment s, Command command)
    {
        var c = command.Body;
        CommitmentRules.EnsureNotWithdrawn(s);
        var errors = new FieldErrors();
        var title = c.Title is null ? null : LocalizedText.Validate(errors, "title", c.Title, 1000, s.DefaultLanguage);
        var description = CommitmentRules.Optional(errors, "description", c.Description, 20000);
        var problem = CommitmentRules.Optional(errors, "problem", c.Problem, 20000);
        var objective = CommitmentRules.Optional(errors, "objective", c.Objective, 20000);
        if (c.LeadInstitution is not null) CommitmentRules.ValidateInstitution(errors, "leadInstitution", c.LeadInstitution);
        foreach (var (inst, i) in (c.SupportingInstitutions ?? []).Select((s, i) => (s, i))) CommitmentRules.ValidateInstitution(errors, $"supportingInstitutions[{i}]", inst);
        if (c.PolicyAreas is { Length: 0 }) errors.Add("policyAreas", "needs at least one policy area.");
        if (c is { Title: null, Description: null, Problem: null, Objective: null, LeadInstitution: null, SupportingInstitutions: null, PolicyAreas: null, OgpValues: null })
            errors.Add("body", "names nothing to revise.");
        errors.ThrowIfAny();
        return [new CommitmentRevised(title, description, problem, objective, c.LeadInstitution, c.SupportingInstitutions,
            c.PolicyAreas?.Distinct().ToArray(), c.OgpValues?.Distinct().ToArray(), command.By, command.Now)];
    }
}
