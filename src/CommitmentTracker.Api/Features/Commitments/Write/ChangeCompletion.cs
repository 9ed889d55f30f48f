using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Commitments;

/// <summary>The government's self-assessed completion.</summary>
public sealed record ChangeCompletion([property: Required] Completion? Completion, [property: Required] string? Reason, EvidenceLink[]? Evidence) : EffectiveWrite
{
    /// <summary>The command: what the client sent, who and when.</summary>
    public sealed record Command(ChangeCompletion Body, string By, DateTimeOffset Now);

    public static object[] Decide(Commitment s, Command command)
    {
        var c = command.Body;
        CommitmentRules.EnsureNotWithdrawn(s);
        var errors = new FieldErrors();
        errors.Required("completion", c.Completion);
        if (c.Completion == Commitments.Completion.Withdrawn) errors.Add("completion", "use POST /withdraw to withdraw a commitment.");
        CommitmentRules.RequireReason(errors, c.Reason);
        var evidence = CommitmentRules.Evidence(errors, c.Evidence, s.PlanId);
        errors.ThrowIfAny();
        if (c.Completion == s.Completion) throw new RuleConflict($"The completion is already {s.Completion}.");
        return [new CommitmentCompletionChanged(s.Id, s.Completion, c.Completion!.Value, c.Reason!.Trim(), evidence, command.By, command.Now)];
    }

    // POST /api/commitments/{id}/completion, and the workspace's form of it.
    public static Task<Ok<CommitmentResponse>> Handle(string id, ChangeCompletion c, CommitmentWrites x) =>
        x.Write(id, c.EffectiveOn, (s, at) => Decide(s, new(c, x.Actor.Id, at)));
}
