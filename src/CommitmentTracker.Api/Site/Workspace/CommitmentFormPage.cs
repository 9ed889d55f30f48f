using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Site.Reads;
using Microsoft.AspNetCore.Components;

namespace CommitmentTracker.Site.Workspace;

/// <summary>
/// A form about one commitment, read through the site's <see cref="CommitmentRead"/>. By default only the member's PoC
/// (or an admin) sees it, as only they may write it; the write path decides again on every post.
/// </summary>
public abstract class CommitmentFormPage : FormPage
{
    [Parameter] public string Id { get; set; } = "";
    [Inject] public CommitmentRead Reads { get; set; } = default!;
    [Inject] public CommitmentWrites Writes { get; set; } = default!;

    protected CommitmentSheet? Sheet { get; private set; }

    protected Commitment C => Sheet!.Commitment;

    protected override string Then => $"{SignInEndpoints.Home}?saved={Uri.EscapeDataString(C.Id)}";

    protected override string Stream => C.Id;
    protected override long? StreamVersion => C.Version;
    protected override IReadOnlyList<HistoryEntry> StreamEntries => Sheet!.History;

    protected virtual bool MayUse(Commitment c) => WritesMember(c.MemberCode);

    protected override async Task OnInitializedAsync()
    {
        Sheet = await Reads.Read(Id, null, withHistory: true, Http.RequestAborted);
        await Load();
        Loaded = true;
        if (Sheet is null) { PageResponses.MarkNotFound(Http); return; }
        Allow(MayUse(C));
    }

    /// <summary>Anything else the form reads before it renders.</summary>
    protected virtual Task Load() => Task.CompletedTask;

    /// <summary>The milestone named by the address, or null (the page answers not found).</summary>
    protected Milestone? MilestoneOf(string id) => C.Milestones.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The labels of the form's fields by the API's names (<c>Form.{name}</c>), with the evidence rows' when it has them.</summary>
    protected IReadOnlyDictionary<string, string> FormLabels(string[] names, bool evidence = false)
    {
        var labels = names.ToDictionary(n => n, n => Text[$"Form.{n}"].Value);
        if (evidence)
            for (var i = 0; i < UI.EvidenceFields.DefaultRows; i++)
            {
                labels[$"evidence[{i}].url"] = Text["Form.evidenceUrl", i + 1];
                labels[$"evidence[{i}].title"] = Text["Form.evidenceTitle", i + 1];
            }
        return labels;
    }
}
