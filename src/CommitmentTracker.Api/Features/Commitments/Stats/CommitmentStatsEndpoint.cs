using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Features.Commitments;

/// <summary>GET /api/commitments/stats: the dashboard aggregates, with the list's filters, judged on today.</summary>
public static class CommitmentStatsEndpoint
{
    public static async Task<Ok<CommitmentStatsRow[]>> Stats(
        IQuerySession session, CommitmentStatsCache stats, CommitmentReads reads, HttpContext http, StatsGroupBy? groupBy, string? member, string? plan,
        PolicyArea? policyArea, OgpValue? ogpValue, Completion? completion, IrmCompletion? irmCompletion, bool? overdue, string? q)
    {
        if (groupBy is null) throw ValidationFailed.Field("groupBy", "is required: Member, Plan, PolicyArea, OgpValue, Completion or IrmCompletion.");
        var filter = new CommitmentFilter(member, plan, policyArea, ogpValue, completion, irmCompletion, overdue, q);
        return TypedResults.Ok(await stats.Get(session, groupBy.Value, filter, reads.Today, http.RequestAborted));
    }
}
