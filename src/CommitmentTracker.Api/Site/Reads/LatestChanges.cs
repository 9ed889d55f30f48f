using CommitmentTracker.Features.Commitments;
using JasperFx.Events;
using Marten;

namespace CommitmentTracker.Site.Reads;

/// <summary>One recent event, named for a reader: what kind, on which page, by whom, when.</summary>
public sealed record ChangeLine(long Sequence, string Type, string StreamId, string Link, DateTimeOffset At, string? Actor, string? Organisation);

/// <summary>The newest events of the whole store, newest first (home page).</summary>
public sealed class LatestChanges(IQuerySession session)
{
    public async Task<ChangeLine[]> Read(int count, CancellationToken ct)
    {
        var events = await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName != "tombstone")
            .OrderByDescending(e => e.Sequence).Take(count).ToListAsync(ct);
        return events.Select(Line).ToArray();
    }

    public static ChangeLine Line(IEvent e)
    {
        var h = CommitmentHistory.Entry(e);
        var key = e.StreamKey ?? "";
        return new ChangeLine(e.Sequence, e.EventTypeName, key, LinkOf(key), h.At, h.Actor, h.Organisation);
    }

    /// <summary>The page of the stream: a commitment (and its CSO assessments), a plan, or a member.</summary>
    public static string LinkOf(string streamKey)
    {
        var tilde = streamKey.IndexOf('~');
        if (tilde > 0) streamKey = streamKey[..tilde]; // a commitment's CSO or dialogue stream, or a plan's imports
        if (MakeCommitment.OgpId().IsMatch(streamKey)) return $"/commitments/{Uri.EscapeDataString(streamKey)}";
        if (streamKey.Contains("-AP", StringComparison.Ordinal)) return $"/action-plans/{Uri.EscapeDataString(streamKey)}";
        return $"/members/{Uri.EscapeDataString(streamKey)}";
    }
}
