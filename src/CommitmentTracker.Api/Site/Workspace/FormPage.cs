using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using CommitmentTracker.Site.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace CommitmentTracker.Site.Workspace;

/// <summary>
/// A workspace page with one form. It posts without script (a plain HTML form, with its antiforgery token) back to its
/// own address; the post runs the API endpoint's own handler, so the same deciders and the same write path
/// (<c>StreamWrites</c>) decide. A refusal re-renders the form with what the person typed and the problem's field
/// errors beside the fields; success answers 303 to <see cref="Then"/>.
/// </summary>
public abstract class FormPage : ComponentBase
{
    /// <summary>The hidden field that carries the version the form was opened at: the form's If-Match.</summary>
    public const string VersionField = "expectedVersion";

    [CascadingParameter] public HttpContext Http { get; set; } = default!;
    [Inject] public Actor Actor { get; set; } = default!;
    [Inject] public IStringLocalizer<SiteText> Text { get; set; } = default!;

    protected FormProblem? Problem { get; private set; }
    protected bool IsPost => HttpMethods.IsPost(Http.Request.Method);

    /// <summary>The field beside which a refusal of the whole request (a rule, a budget spent) is shown; null: in the summary only.</summary>
    protected virtual string? RefusalField => null;

    /// <summary>Where the browser goes after the write landed.</summary>
    protected abstract string Then { get; }

    /// <summary>What the person typed into <paramref name="name"/>, or, before the first post, <paramref name="initial"/>.</summary>
    protected string Value(string name, string? initial = null) =>
        IsPost && Http.Request.Form.TryGetValue(name, out var typed) ? typed.ToString() : initial ?? "";

    /// <summary>Every value posted under <paramref name="name"/> (a set of checkboxes), or, before the first post, <paramref name="initial"/>.</summary>
    protected IReadOnlyCollection<string> Values(string name, params string[] initial) =>
        IsPost ? Http.Request.Form[name].OfType<string>().ToArray() : initial;

    /// <summary>The version the hidden field carries: after a conflict the current one (so "apply on top" can land), else the one the form was opened at.</summary>
    protected string VersionOf(long? opened) => Problem?.CurrentVersion?.ToString() ?? Value(VersionField, opened?.ToString());

    /// <summary>The page refuses to show a form the person may not use (403); a forged post still reaches the write path, which refuses it.</summary>
    protected void Refuse() => Http.Response.StatusCode = StatusCodes.Status403Forbidden;

    /// <summary>Runs the write; without <paramref name="redirect"/> (a dry run) the page renders what it found instead of the 303.</summary>
    protected async Task Submit(Func<FormInput, Task> write, bool redirect = true)
    {
        // The hidden version is sent as If-Match, which is where every write path reads the expected version from.
        Http.Request.Headers.IfMatch = long.TryParse(Http.Request.Form[VersionField], out var version) ? $"\"{version}\"" : "";
        try
        {
            var input = new FormInput(Http.Request.Form);
            await write(input);
        }
        catch (Exception e) when (FormProblem.From(e) is { } problem)
        {
            Problem = RefusalField is { } field ? problem.Beside(field) : problem;
            Http.Response.StatusCode = problem.Status;
            return;
        }
        if (!redirect) return;
        Http.Response.StatusCode = StatusCodes.Status303SeeOther;
        Http.Response.Headers.Location = Then;
    }

    /// <summary>True once the write landed: the page renders nothing more, the browser follows the 303.</summary>
    protected bool Done => Http.Response.StatusCode == StatusCodes.Status303SeeOther;

    /// <summary>The languages a text can be written in: the site's six.</summary>
    protected static IEnumerable<(string Value, string Text)> Languages => SiteLanguages.All.Select(l => (l.Tag, l.Name));

    /// <summary>The form's data is read (or found missing): the page can render.</summary>
    protected bool Loaded { get; set; }

    /// <summary>The person may not use this form: the page shows why instead (a post still goes to the write path).</summary>
    protected bool Hidden { get; private set; }

    /// <summary>The refusal instead of the form: on opening it, or when a post was refused (never the form to someone who may not use it).</summary>
    protected bool ShowRefusal => Hidden && (!IsPost || Problem is not null);

    /// <summary>Whether the person writes <paramref name="memberCode"/>'s plans and commitments: its PoC, or an admin.</summary>
    protected bool WritesMember(string memberCode) =>
        Actor.IsAdmin || (Actor.Role == Roles.Poc && Actor.Members.Contains(memberCode, StringComparer.OrdinalIgnoreCase));

    /// <summary>Hides the form from someone who may not use it; opening it is then a 403.</summary>
    protected void Allow(bool mayUse)
    {
        Hidden = !mayUse;
        if (Hidden && !IsPost) Refuse();
    }

    /// <summary>The stream the form writes to, its version when the form was opened (null: not started yet) and its history.</summary>
    protected virtual string Stream => "";
    protected virtual long? StreamVersion => null;
    protected virtual IReadOnlyList<HistoryEntry> StreamEntries => [];

    /// <summary>The version the hidden field carries: after a conflict the current one (so "apply on top" can land), else the one the form was opened at.</summary>
    protected string Version => VersionOf(StreamVersion);

    /// <summary>After a conflict, what the other writes changed since the version this person's form was opened at.</summary>
    // Read only after a conflict: before it, a form may not have loaded its stream's history at all.
    protected IReadOnlyList<HistoryEntry> Changes =>
        Problem is { Stale: true } && long.TryParse(Http.Request.Form[VersionField], out var opened)
            ? StreamEntries.Where(e => e.Stream == Stream && e.Version > opened).ToList()
            : [];
}
