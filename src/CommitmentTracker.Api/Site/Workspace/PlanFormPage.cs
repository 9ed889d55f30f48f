using CommitmentTracker.Features.ActionPlans;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Site.Reads;
using Microsoft.AspNetCore.Components;

namespace CommitmentTracker.Site.Workspace;

/// <summary>Draft a commitment in a plan, move the plan, import a sheet into it: forms only its member's writers see.</summary>
public abstract class PlanFormPage : FormPage
{
    [Inject] public ActionPlanReads Plans { get; set; } = default!;
    [Parameter] public string PlanId { get; set; } = "";

    protected ActionPlan? Plan { get; private set; }
    protected ActionPlan P => Plan!;
    private IReadOnlyList<HistoryEntry> history = [];

    protected override string Then => $"{SignInEndpoints.Home}?saved={Uri.EscapeDataString(P.Id)}";
    protected override string Stream => P.Id;
    protected override long? StreamVersion => P.Version;
    protected override IReadOnlyList<HistoryEntry> StreamEntries => history;

    /// <summary>This form's own address under /workspace/plans/{id}/.</summary>
    protected string Path(string rest) => $"/workspace/plans/{Uri.EscapeDataString(PlanId)}/{rest}";

    protected override async Task OnInitializedAsync()
    {
        Plan = PlanId.Length is 0 or > 64 ? null : await Plans.Find(PlanId.Trim(), Http.RequestAborted);
        Loaded = true;
        if (Plan is null) { PageResponses.MarkNotFound(Http); return; }
        if (IsPost) history = await Plans.History(Plan.Id, Http.RequestAborted);
        Allow(WritesMember(Plan.MemberCode));
    }

    /// <summary>The plan's title in the reader's language, or its own.</summary>
    protected Shown? Title => Shown.Of(P.Title, P.DefaultLanguage);

    protected IReadOnlyDictionary<string, string> FormLabels(params string[] names) => names.ToDictionary(n => n, n => Text[$"Form.{n}"].Value);
}
