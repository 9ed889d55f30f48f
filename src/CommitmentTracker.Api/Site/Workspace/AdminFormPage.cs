using Microsoft.AspNetCore.Components;

namespace CommitmentTracker.Site.Workspace;

/// <summary>
/// An admin's form (members, API keys, moderation). Anyone else is refused the page (403); a forged post still reaches the
/// API's handler, whose own admin check refuses it before anything is written.
/// </summary>
public abstract class AdminFormPage : FormPage
{
    protected bool NotFound { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Allow(Actor.IsAdmin);
        await Load();
        Loaded = true;
        if (NotFound) PageResponses.MarkNotFound(Http);
    }

    /// <summary>What the page reads before it renders: public data only, unless <c>Hidden</c> is false (a forged post still needs what it names).</summary>
    protected virtual Task Load() => Task.CompletedTask;
}
