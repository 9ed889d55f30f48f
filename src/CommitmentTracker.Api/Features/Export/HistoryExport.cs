using System.Text;
using System.Text.Json;
using CommitmentTracker.Features.Assessments;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Dialogue;
using CommitmentTracker.Infrastructure.Marten;
using CommitmentTracker.Infrastructure.Time;
using JasperFx.Events;
using Marten;

namespace CommitmentTracker.Features.Export;

/// <summary>One event of the exported history: what, in which stream, when it took effect and when it was recorded, who and why.</summary>
public sealed record HistoryLine(
    long Sequence, string Stream, string Type, long Version, DateTimeOffset EffectiveAt, DateTimeOffset RecordedAt,
    string? Actor, string? ActorName, string? Role, string? Organisation, string? Reason, object Data)
{
    public static HistoryLine From(IEvent e)
    {
        var h = CommitmentHistory.Entry(e);
        return new HistoryLine(h.Sequence, h.Stream, h.Type, h.Version, h.At, h.RecordedAt, h.Actor, h.ActorName, h.Role, h.Organisation, h.Reason, h.Data);
    }
}

/// <summary>
/// The whole history of the selected commitments as JSON Lines: their plans' streams (lifecycle, co-creation, documents),
/// their own streams, their CSO assessment streams and their dialogue streams (comments, responses, CSO views of milestones), every event in global order; with asOf, the events in effect by
/// the end of that day.
/// </summary>
public static class HistoryExport
{
    private const int Batch = 1000;

    public static async Task WriteAsync(Stream body, CommitmentSelection selection, string? plan, IQuerySession session, JsonSerializerOptions json, CancellationToken ct)
    {
        var commitments = new List<string>();
        var plans = new SortedSet<string>(StringComparer.Ordinal);
        if (plan is not null) plans.Add(plan.Trim().ToUpperInvariant());
        await foreach (var c in selection.Commitments(ct))
        {
            commitments.Add(c.Id);
            plans.Add(c.PlanId);
        }
        var cso = commitments.Count == 0 ? [] : await session.Query<CsoAssessment>().Where(a => commitments.Contains(a.CommitmentId)).Select(a => a.Id).ToListAsync(ct);
        var dialogue = commitments.Count == 0 ? [] : await DialogueStreams.Of(session, commitments.ToArray(), ct);
        var streams = plans.Concat(commitments).Concat(cso).Concat(dialogue).ToArray();
        var cutoff = selection.AsOf is { } d ? BusinessDay.EndOf(d) : DateTimeOffset.MaxValue;
        var newline = "\n"u8.ToArray();
        long after = 0;
        while (streams.Length > 0)
        {
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => streams.Contains(e.StreamKey!) && e.Sequence > after).OrderBy(e => e.Sequence).Take(Batch).ToListAsync(ct);
            foreach (var e in events.Where(e => e.Data is not IDomainEvent de || de.At < cutoff))
            {
                await JsonSerializer.SerializeAsync(body, HistoryLine.From(e), json, ct);
                await body.WriteAsync(newline, ct);
            }
            if (events.Count < Batch) break;
            after = events[^1].Sequence;
        }
    }
}
