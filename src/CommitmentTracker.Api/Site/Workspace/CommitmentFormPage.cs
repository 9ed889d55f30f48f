using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Site.Reads;
using CommitmentTracker.Site.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

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
    [Inject] public IStringLocalizer<SiteText> Text { get; set; } = default!;

    protected CommitmentSheet? Sheet { get; private set; }
    protected bool Loaded { get; private set; }

    /// <summary>The person may not use this form: the page shows why instead (a post still goes to the write path).</summary>
    protected bool Hidden { get; private set; }

    protected Commitment C => Sheet!.Commitment;

    protected override string Then => $"{SignInEndpoints.Home}?saved={Uri.EscapeDataString(C.Id)}";

    /// <summary>The stream the form writes to, and its version when the form was opened (null: not started yet).</summary>
    protected virtual string Stream => C.Id;
    protected virtual long? StreamVersion => C.Version;

    protected virtual bool MayUse(Commitment c) => Actor.IsAdmin || (Actor.Role == Roles.Poc && Actor.Members.Contains(c.MemberCode, StringComparer.OrdinalIgnoreCase));

    protected override async Task OnInitializedAsync()
    {
        Sheet = await Reads.Read(Id, null, withHistory: true, Http.RequestAborted);
        await Load();
        Loaded = true;
        if (Sheet is null) { PageResponses.MarkNotFound(Http); return; }
        Hidden = !MayUse(C);
        if (Hidden && !IsPost) Refuse();
    }

    /// <summary>Anything else the form reads before it renders.</summary>
    protected virtual Task Load() => Task.CompletedTask;

    protected string Version => VersionOf(StreamVersion);

    /// <summary>After a conflict, what the other writes changed in the form's stream.</summary>
    protected IReadOnlyList<HistoryEntry> Changes => Sheet is null ? [] : ChangedSince(Sheet.History.Where(e => e.Stream == Stream));

    /// <summary>The refusal instead of the form: on opening it, or when a post was refused (never the form to someone who may not use it).</summary>
    protected bool ShowRefusal => Hidden && (!IsPost || Problem is not null);

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

    /// <summary>The languages a text can be written in: the site's six.</summary>
    protected static IEnumerable<(string Value, string Text)> Languages => SiteLanguages.All.Select(l => (l.Tag, l.Name));
}
