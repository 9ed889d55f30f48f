using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Infrastructure.Localization;
using CommitmentTracker.Infrastructure.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Commitments;

/// <summary>Add a milestone. <c>weight</c> counts in the commitment's progress when every milestone has one.</summary>
public sealed record AddMilestone(
    [property: Required] Dictionary<string, string>? Title, Dictionary<string, string>? Deliverable, string? ResponsibleInstitution,
    [property: Required] DateOnly? Start, [property: Required] DateOnly? Due, decimal? Weight) : EffectiveWrite
{
    /// <summary>The command: what the client sent, the commitment's plan (read locked in the write's transaction), who and when.</summary>
    public sealed record Command(AddMilestone Body, ActionPlan Plan, string By, DateTimeOffset Now);

    public static object[] Decide(Commitment s, Command command)
    {
        var c = command.Body;
        CommitmentRules.EnsureNotWithdrawn(s);
        CommitmentRules.EnsurePlanOpen(command.Plan, "milestones");
        var errors = new FieldErrors();
        var title = LocalizedText.Validate(errors, "title", c.Title, 1000, s.DefaultLanguage);
        var deliverable = CommitmentRules.Optional(errors, "deliverable", c.Deliverable, 5000);
        errors.MaxLength("responsibleInstitution", c.ResponsibleInstitution, 300);
        CommitmentRules.ValidateDates(errors, c.Start, c.Due);
        if (c.Weight is <= 0 or > 1000) errors.Add("weight", "must be greater than 0 and at most 1000.");
        errors.ThrowIfAny();
        var id = $"{s.Id}-M{s.Milestones.Length + 1}";
        return [new MilestoneAdded(s.Id, id, title!, deliverable, c.ResponsibleInstitution?.Trim(), c.Start!.Value, c.Due!.Value, c.Weight, command.By, command.Now)];
    }

    // POST /api/commitments/{id}/milestones: 201 with the milestone's address.
    public static async Task<Created<CommitmentResponse>> Handle(string id, AddMilestone body, CommitmentWrites x, HttpContext http)
    {
        var ok = await x.Write(id, async (session, s) =>
        {
            var plan = await session.LoadPlanLockedAsync(s.PlanId, http.RequestAborted);
            return Decide(s, new Command(body, plan, x.Actor.Id, x.EffectiveAt(body.EffectiveOn, plan, s)));
        });
        var added = ok.Value!.Milestones[^1];
        return TypedResults.Created($"/api/commitments/{ok.Value.Id}/milestones/{added.Id}", ok.Value);
    }
}
