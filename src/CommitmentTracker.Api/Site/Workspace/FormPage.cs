using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Infrastructure.Auth;
using CommitmentTracker.Infrastructure.Http;
using Microsoft.AspNetCore.Components;

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

    protected FormProblem? Problem { get; private set; }
    protected bool IsPost => HttpMethods.IsPost(Http.Request.Method);

    /// <summary>The field beside which a refusal of the whole request (a rule, a budget spent) is shown; null: in the summary only.</summary>
    protected virtual string? RefusalField => null;

    /// <summary>Where the browser goes after the write landed.</summary>
    protected abstract string Then { get; }

    /// <summary>What the person typed into <paramref name="name"/>, or, before the first post, <paramref name="initial"/>.</summary>
    protected string Value(string name, string? initial = null) =>
        IsPost && Http.Request.Form.TryGetValue(name, out var typed) ? typed.ToString() : initial ?? "";

    /// <summary>The version the hidden field carries: after a conflict the current one (so "apply on top" can land), else the one the form was opened at.</summary>
    protected string VersionOf(long? opened) => Problem?.CurrentVersion?.ToString() ?? Value(VersionField, opened?.ToString());

    /// <summary>After a conflict, the entries of <paramref name="history"/> written since the version this person's form was opened at.</summary>
    protected IReadOnlyList<HistoryEntry> ChangedSince(IEnumerable<HistoryEntry> history) =>
        Problem is { Stale: true } && long.TryParse(Http.Request.Form[VersionField], out var opened) ? history.Where(e => e.Version > opened).ToList() : [];

    /// <summary>The page refuses to show a form the person may not use (403); a forged post still reaches the write path, which refuses it.</summary>
    protected void Refuse() => Http.Response.StatusCode = StatusCodes.Status403Forbidden;

    protected async Task Submit(Func<FormInput, Task> write)
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
        Http.Response.StatusCode = StatusCodes.Status303SeeOther;
        Http.Response.Headers.Location = Then;
    }

    /// <summary>True once the write landed: the page renders nothing more, the browser follows the 303.</summary>
    protected bool Done => Http.Response.StatusCode == StatusCodes.Status303SeeOther;
}
