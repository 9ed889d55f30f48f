using CommitmentTracker.Features.Dialogue;

namespace CommitmentTracker.Features.Commitments;

/// <summary>
/// A commitment's public state as every surface shows it: the state (today's, or folded as of a date), the day it is
/// judged on (overdue milestones), each CSO's latest view as of that day, and the streams its events live in (its own
/// first, then its CSO assessment streams, then its dialogue streams), and the dialogue: responses, comments, CSO views of milestones.
/// </summary>
public sealed record CommitmentView(
    Commitment State, DateOnly Day, DateOnly? AsOf, CsoView[] Cso, string[] Streams, IReadOnlyList<string> Lang, CommitmentDialogue Dialogue)
{
    /// <summary>As REST returns it: texts in <see cref="Lang"/>.</summary>
    public CommitmentResponse Response => CommitmentResponse.From(State, Cso, Lang, Day, AsOf, Dialogue);

    public int OverdueMilestones => State.Milestones.Count(m => m.IsOverdue(Day));
}

/// <summary>One page of commitments and the total that match, judged on <see cref="Day"/>.</summary>
public sealed record CommitmentList(IReadOnlyList<CommitmentView> Items, long Total, DateOnly Day);
