using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;
using static CommitmentTracker.Api.Tests.Site.SiteBrowserTests;
using static CommitmentTracker.Api.Tests.Site.Workspace.WorkspaceTabs;

namespace CommitmentTracker.Api.Tests.Site.Workspace;

// HttpClient, not Alba: keys are issued and revoked, and what the browser wrote is read back, over BrowserApi's Kestrel socket, which has no TestServer for Alba.
/// <summary>
/// What the workspace refuses, in real chromium: another member's form (hidden, and a forged post is 403 with nothing
/// appended), a post without its antiforgery token, a session after sign-out or after its key is revoked; and a second
/// official's stale edit, which shows what changed and keeps their text.
/// </summary>
[Collection(WorkspaceBrowserCollection.Name)]
public sealed class WorkspaceGuardTests(WorkspaceBrowserApi api)
{
    [Fact]
    public async Task Another_members_form_is_not_shown_and_a_forged_post_is_403_with_nothing_appended()
    {
        var (commitment, milestone) = api.Ge["forged"];
        var target = $"/workspace/commitments/{commitment}/milestones/{milestone}/progress";
        await using var context = await api.NewContext();
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.PocAm);
        Assert.DoesNotContain(commitment, await tab.InnerTextAsync("main"));

        var opened = await tab.GotoAsync(target);
        Assert.Equal(403, opened!.Status);
        Assert.Equal(0, await tab.Locator("form.form").CountAsync());
        Assert.Contains(T("Work.Forbidden", "en"), await tab.InnerTextAsync("main"));
        await Checked(tab, "form-forbidden", "en");

        // The official's own form, with its valid token, pointed at Georgia's milestone.
        await tab.GotoAsync($"/workspace/commitments/{api.AmCommitment}/milestones/{api.AmMilestone}/progress");
        await tab.EvalOnSelectorAsync("form.form", $"f => f.setAttribute('action', '{target}')");
        await tab.FillAsync("#percent", "90");
        var before = await api.EventCount();
        Assert.Equal(403, await Post(tab));
        Assert.Equal(before, await api.EventCount());
        Assert.Equal(0, (await api.Read(commitment))["milestones"]![0]!["progress"]!.GetValue<int>());
        Assert.Equal(0, await tab.Locator("form.form").CountAsync());
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_writes_nothing()
    {
        await using var context = await api.NewContext();
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.PocAm);
        await tab.GotoAsync($"/workspace/commitments/{api.AmCommitment}/milestones/{api.AmMilestone}/progress");
        await tab.EvalOnSelectorAsync("form.form input[name=__RequestVerificationToken]", "i => i.remove()");
        await tab.FillAsync("#percent", "30");
        var before = await api.EventCount();
        Assert.Equal(400, await Post(tab));
        Assert.Equal(before, await api.EventCount());
        Assert.Equal(0, (await api.Read(api.AmCommitment))["milestones"]![0]!["progress"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_session_stops_working_after_sign_out_and_after_the_key_is_revoked()
    {
        await using var context = await api.NewContext();
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.PocGe);
        await tab.ClickAsync(".workspace-bar button[type=submit]");
        await tab.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
        await tab.GotoAsync("/workspace");
        Assert.Equal("/signin", new Uri(tab.Url).AbsolutePath);

        // A key revoked while its form is open: the post goes to the sign-in page, and nothing is written.
        var issued = await (await api.Admin().PostJson("/api/api-keys", new { name = "Temporary official", role = "poc", organisation = "Ministry", members = new[] { "AM" } }))
            .Expect(HttpStatusCode.Created);
        await SignIn(tab, issued["secret"]!.GetValue<string>());
        await tab.GotoAsync($"/workspace/commitments/{api.AmCommitment}/completion");
        await tab.SelectOptionAsync("#completion", "Limited");
        await tab.FillAsync("#reason", "Started");
        await (await api.Admin().DeleteAsync($"/api/api-keys/{issued["keyId"]}")).Expect(HttpStatusCode.NoContent);
        var before = await api.EventCount();
        await tab.ClickAsync("form.form button[type=submit]");
        await tab.WaitForURLAsync("**/signin?**");
        Assert.Equal(before, await api.EventCount());
        await tab.GotoAsync("/workspace");
        Assert.Equal("/signin", new Uri(tab.Url).AbsolutePath);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ka")]
    public async Task Sign_in_page_says_beside_the_field_when_the_key_is_wrong(string lang)
    {
        await using var context = await api.NewContext(lang);
        var tab = await context.NewPageAsync();
        await tab.GotoAsync("/workspace/commitments/GE0001/completion");
        Assert.Equal("/signin", new Uri(tab.Url).AbsolutePath); // signed out: the form sends to sign-in, and back after
        Assert.Contains(T("SignIn.Title", lang), await tab.InnerTextAsync("h1"));
        Assert.Equal(0, await tab.Locator("a[href^='/signin/oidc']").CountAsync()); // no provider configured here
        await Checked(tab, "signin", lang);
        await tab.FillAsync("#apiKey", "ct_not-a-key");
        await tab.ClickAsync("form.form button[type=submit]");
        await tab.WaitForURLAsync("**failed=key**");
        await ErrorBeside(tab, "apiKey");
        Assert.Contains(T("SignIn.Failed", lang), await tab.InnerTextAsync("#apiKey-error"));
        await Checked(tab, "signin-errors", lang);
        await tab.FillAsync("#apiKey", api.PocGe);
        await tab.ClickAsync("form.form button[type=submit]");
        await tab.WaitForURLAsync("**/workspace/commitments/GE0001/completion");
    }

    [Fact]
    public async Task Second_official_sees_the_conflict_keeps_their_text_and_applies_it_on_top()
    {
        var (commitment, milestone) = api.Ge["conflict"];
        var form = $"/workspace/commitments/{commitment}/milestones/{milestone}/progress";
        await using var officials = await api.TwoOfficialsOn(form);
        var (nino, giorgi) = (officials.Nino, officials.Giorgi);

        await nino.FillAsync("#percent", "50");
        await nino.FillAsync("#note", "ნინო: ერთი რეგიონი");
        Assert.Equal(303, await Post(nino));

        const string typed = "გიორგი: სამივე რეგიონი მუშაობს";
        await giorgi.FillAsync("#percent", "70");
        await giorgi.FillAsync("#note", typed);
        var before = await api.EventCount();
        Assert.Equal(409, await Post(giorgi));
        Assert.Equal(before, await api.EventCount());
        Assert.Contains("50%", await giorgi.InnerTextAsync(".conflict")); // what Nino changed
        Assert.Equal(typed, await giorgi.InputValueAsync("#note"));
        Assert.Equal("70", await giorgi.InputValueAsync("#percent"));
        Assert.True(await giorgi.Locator($"a[href='{form}']", new() { HasText = T("Work.Stale.Discard", "ka") }).IsVisibleAsync());
        await Checked(giorgi, "form-progress-conflict", "ka");

        var button = giorgi.Locator("form.form button[type=submit]");
        Assert.Equal(T("Work.Stale.Apply", "ka"), (await button.InnerTextAsync()).Trim());
        Assert.Equal(303, await Post(giorgi));
        Assert.Equal(before + 1, await api.EventCount());
        Assert.Equal(70, (await api.Read(commitment))["milestones"]![0]!["progress"]!.GetValue<int>());
    }
}
