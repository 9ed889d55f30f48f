using CommitmentTracker.Infrastructure.Http;

namespace CommitmentTracker.Features.Audit;

/// <summary><c>GET /api/audit</c>: who wrote what, oldest first, paged by sequence (<c>after</c> = the previous page's <c>next</c>).</summary>
public sealed record AuditQuery(string? Actor, DateTimeOffset? From, DateTimeOffset? To, long? After, int? Limit)
{
    public const int MaxLimit = 1000;

    public int Take => Limit ?? 100;

    public AuditQuery Validated()
    {
        var errors = new FieldErrors();
        errors.MaxLength("actor", Actor, 200);
        if (From > To) errors.Add("to", "must not be before 'from'.");
        if (After < 0) errors.Add("after", "must be 0 or more.");
        if (Take is < 1 or > MaxLimit) errors.Add("limit", $"must be between 1 and {MaxLimit}.");
        errors.ThrowIfAny();
        return this;
    }
}
