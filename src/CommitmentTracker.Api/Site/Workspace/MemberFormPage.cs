using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Features.Members;
using CommitmentTracker.Infrastructure.Marten;
using Microsoft.AspNetCore.Components;

namespace CommitmentTracker.Site.Workspace;

/// <summary>An admin's form about one member (rename, status): the member as it is, its version as the form's If-Match, and after a conflict what changed.</summary>
public abstract class MemberFormPage : AdminFormPage
{
    [Parameter] public string Code { get; set; } = "";
    [Inject] public MemberReads Members { get; set; } = default!;
    [Inject] public StreamWrites Writes { get; set; } = default!;
    [Inject] public TimeProvider Clock { get; set; } = default!;

    protected Member? M { get; private set; }
    private IReadOnlyList<HistoryEntry> history = [];

    protected override string Then => $"/workspace/members?saved={Uri.EscapeDataString(M!.Id)}";

    protected override async Task Load()
    {
        M = Code.Length is > 0 and <= 20 ? await Members.Find(Code, Http.RequestAborted) : null;
        NotFound = M is null;
        if (M is not null && IsPost) history = await Members.History(M.Id, Http.RequestAborted);
    }

    protected override long? StreamVersion => M?.Version;
    protected override IReadOnlyList<HistoryEntry> StreamEntries => history;
    protected override string Stream => history.FirstOrDefault()?.Stream ?? "";
}
