using CommitmentTracker.Features.Commitments;
using JasperFx.Events;
using Marten;

namespace CommitmentTracker.Site.Reads;

/// <summary>The newest change of one page, named for a reader: which page, what kind of change, by whom, when.</summary>
public sealed record ChangeLine(long Sequence, string Type, string Page, string Link, DateTimeOffset At, string? Actor, string? Organisation);

/// <summary>The pages changed last in the whole store, newest first, each once with its newest change (home page).</summary>
public sealed class LatestChanges(IQuerySession session)
{
    /// <summary>How many recent events are looked through per line asked for: one story's events come in runs.</summary>
    private const int EventsPerLine = 16;

    public async Task<ChangeLine[]> Read(int count, CancellationToken ct)
    {
        var events = await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName != "tombstone")
            .OrderByDescending(e => e.Sequence).Take(count * EventsPerLine).ToListAsync(ct);
        return events.Select(Line).DistinctBy(l => l.Link).Take(count).ToArray();
    }

    public static ChangeLine Line(IEvent e)
    {
        var h = CommitmentHistory.Entry(e);
        var page = PageOf(e.StreamKey ?? "");
        return new ChangeLine(e.Sequence, e.EventTypeName, page, LinkOf(page), h.At, h.Actor, h.Organisation);
    }

    /// <summary>A commitment's CSO and dialogue streams, and a plan's imports, are shown on the page of what they are about.</summary>
    private static string PageOf(string streamKey) => streamKey.IndexOf('~') is > 0 and var tilde ? streamKey[..tilde] : streamKey;

    /// <summary>The page of the stream: a commitment, a plan, or a member.</summary>
    private static string LinkOf(string page)
    {
        if (MakeCommitment.OgpId().IsMatch(page)) return $"/commitments/{Uri.EscapeDataString(page)}";
        if (page.Contains("-AP", StringComparison.Ordinal)) return $"/action-plans/{Uri.EscapeDataString(page)}";
        return $"/members/{Uri.EscapeDataString(page)}";
    }
}
