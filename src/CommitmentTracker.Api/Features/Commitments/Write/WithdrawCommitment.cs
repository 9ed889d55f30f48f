using System.ComponentModel.DataAnnotations;

namespace CommitmentTracker.Features.Commitments;

/// <summary>Withdraw the commitment. Every later write is refused.</summary>
public sealed record WithdrawCommitment([property: Required] string? Reason) : EffectiveWrite
{
    /// <summary>The command: what the client sent, who and when.</summary>
    public sealed record Command(WithdrawCommitment Body, string By, DateTimeOffset Now);

    public static object[] Decide(Commitment s, Command command)
    {
        CommitmentRules.EnsureNotWithdrawn(s);
        var errors = new FieldErrors();
        CommitmentRules.RequireReason(errors, command.Body.Reason);
        errors.ThrowIfAny();
        return [new CommitmentWithdrawn(s.Id, s.Completion, command.Body.Reason!.Trim(), command.By, command.Now)];
    }
}
