using CommitmentTracker.Features.Commitments;
using JasperFx.Events;

namespace CommitmentTracker.Features.Changes;

/// <summary>One event in the global feed: the same words as a commitment's history, plus the stream it belongs to.</summary>
public sealed record ChangeFeedItem(
    long Sequence, string StreamId, string Type, long Version, DateTimeOffset Timestamp,
    string? Actor, string? Role, string? Organisation, object Data)
{
    public static ChangeFeedItem From(IEvent e)
    {
        var h = CommitmentHistory.Entry(e);
        return new ChangeFeedItem(h.Sequence, h.Stream, h.Type, h.Version, h.At, h.Actor, h.Role, h.Organisation, h.Data);
    }
}

/// <summary>
/// A page of the feed. <c>Next</c> is the <c>after</c> for the following call; <c>HighWaterMark</c> is the sequence up to
/// which every event is known to be committed when this page was read.
/// </summary>
public sealed record ChangeFeedPage(IReadOnlyList<ChangeFeedItem> Items, long Next, long HighWaterMark);

/// <summary>What a reader wants from the feed: a member's streams, one commitment's, and/or some event types.</summary>
public sealed record ChangeFilter(string? Member = null, string? Commitment = null, IReadOnlyCollection<string>? Types = null)
{
    public bool ByStream => Member is not null || Commitment is not null;
    public bool IsEmpty => !ByStream && Types is not { Count: > 0 };
}
