using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Infrastructure.Localization;
using CommitmentTracker.Infrastructure.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Commitments;

/// <summary>Make a commitment in a plan. <c>id</c> (like GE0066) is assigned when omitted.</summary>
public sealed partial record MakeCommitment(
    string? Id, [property: Required] Dictionary<string, string>? Title, Dictionary<string, string>? Description, Dictionary<string, string>? Problem,
    Dictionary<string, string>? Objective, [property: Required] Institution? LeadInstitution, Institution[]? SupportingInstitutions,
    PolicyArea[]? PolicyAreas, OgpValue[]? OgpValues, bool? Subnational) : EffectiveWrite
{
    /// <summary>The command: what the client sent, the plan it goes in, the id it gets, who and when.</summary>
    public sealed record Command(MakeCommitment Body, ActionPlan Plan, string Id, string By, DateTimeOffset Now);

    [GeneratedRegex("^[A-Z]{2}[0-9]{4}$")] internal static partial Regex OgpId();

    public static CommitmentMade Decide(Command command)
    {
        var (c, plan) = (command.Body, command.Plan);
        CommitmentRules.EnsurePlanOpen(plan, "commitments");
        var errors = new FieldErrors();
        var title = LocalizedText.Validate(errors, "title", c.Title, 1000, plan.DefaultLanguage);
        var description = CommitmentRules.Optional(errors, "description", c.Description, 20000);
        var problem = CommitmentRules.Optional(errors, "problem", c.Problem, 20000);
        var objective = CommitmentRules.Optional(errors, "objective", c.Objective, 20000);
        errors.Required("leadInstitution", c.LeadInstitution);
        CommitmentRules.ValidateInstitution(errors, "leadInstitution", c.LeadInstitution);
        foreach (var (s, i) in (c.SupportingInstitutions ?? []).Select((s, i) => (s, i))) CommitmentRules.ValidateInstitution(errors, $"supportingInstitutions[{i}]", s);
        if (c.PolicyAreas is not { Length: > 0 }) errors.Add("policyAreas", "needs at least one policy area.");
        errors.ThrowIfAny();
        return new CommitmentMade(command.Id, plan.Id, plan.MemberCode, plan.DefaultLanguage, title!, description, problem, objective,
            c.LeadInstitution!, c.SupportingInstitutions ?? [], c.PolicyAreas!.Distinct().ToArray(),
            (c.OgpValues ?? []).Distinct().ToArray(), c.Subnational ?? false, command.By, command.Now);
    }

    // POST /api/action-plans/{planId}/commitments: locks the plan, checks or assigns the id, starts the stream. (An XML summary here would replace the route's in OpenAPI.)
    public static async Task<Created<CommitmentResponse>> Handle(string planId, MakeCommitment body, StreamWrites writes, CommitmentWrites x, HttpContext http)
    {
        var made = await writes.Start<Commitment, CommitmentMade>(async session =>
        {
            var plan = await session.LoadPlanLockedAsync(planId.ToUpperInvariant(), http.RequestAborted);
            x.Actor.EnsureCanWriteMember(plan.MemberCode);
            var country = plan.MemberCode[..2];
            var id = body.Id?.Trim().ToUpperInvariant();
            if (id is not null && (!OgpId().IsMatch(id) || !id.StartsWith(country, StringComparison.Ordinal)))
                throw ValidationFailed.Field("id", $"must be the country code and 4 digits, like {country}0066.");
            var assigned = id is null;
            id ??= await NextId(session, country, http.RequestAborted);
            return (id, Decide(new Command(body, plan, id, x.Actor.Id, x.EffectiveAt(body.EffectiveOn, plan, null))), assigned);
        }, http.RequestAborted);
        return await x.Created(Commitment.Create(made) with { Version = 1 });
    }

    internal static async Task<string> NextId(IQuerySession session, string country, CancellationToken ct)
    {
        var taken = await session.Query<Commitment>().Where(c => c.Id.StartsWith(country))
            .OrderByDescending(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(ct);
        var next = taken is null ? 1 : int.Parse(taken[2..]) + 1;
        return next > 9999 ? throw new RuleConflict($"No commitment ids left for {country}.") : $"{country}{next:D4}";
    }
}
