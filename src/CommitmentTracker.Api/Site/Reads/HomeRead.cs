using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Marten;
using CommitmentTracker.Features.Members;
using Marten;
using CommitmentTracker.Infrastructure.Time;
using Npgsql;

namespace CommitmentTracker.Site.Reads;

public sealed record MemberCard(string Code, MemberKind Kind, Shown? Name, int Plans, int Commitments, int Overdue);

public sealed record HomeView(MemberCard[] National, MemberCard[] Local, ChangeLine[] Latest);

/// <summary>Members (MemberReads) with their plan and commitment counts, and the latest changes.</summary>
public sealed class HomeRead(IQuerySession session, MemberReads reads, CommitmentStatsCache stats, LatestChanges changes, TimeProvider clock)
{
    public async Task<HomeView> Read(CancellationToken ct)
    {
        var members = await reads.All(ct);
        var commitments = (await stats.Get(session, StatsGroupBy.Member, new CommitmentFilter(), clock.Today(), ct)).ToDictionary(r => r.Key);
        var plans = await PlanCounts(session, ct);
        var cards = members.Select(m => new MemberCard(m.Id, m.Kind, Shown.Of(m.Name, m.DefaultLanguage), plans.GetValueOrDefault(m.Id),
            commitments.GetValueOrDefault(m.Id)?.Count ?? 0, commitments.GetValueOrDefault(m.Id)?.Overdue ?? 0)).ToArray();
        return new HomeView(cards.Where(c => c.Kind == MemberKind.National).ToArray(), cards.Where(c => c.Kind == MemberKind.Local).ToArray(),
            await changes.Read(8, ct));
    }

    /// <summary>Action plans per member, counted by PostgreSQL.</summary>
    public static async Task<Dictionary<string, int>> PlanCounts(IQuerySession session, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select data ->> 'MemberCode', count(*)::int from {StorageNames.Table<ActionPlan>(session.DocumentStore)} group by 1");
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        var counts = new Dictionary<string, int>();
        while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }
}
