using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitmentTracker.Api.Tests.Site.SiteBrowserTests;
using static CommitmentTracker.Api.Tests.Site.Workspace.WorkspaceTabs;

namespace CommitmentTracker.Api.Tests.Site.Workspace;

// HttpClient, not Alba: the store is read over BrowserApi's host, which answers on a Kestrel socket and has no TestServer for Alba.
/// <summary>
/// The admin's forms refuse everyone else, in real chromium: a PoC sees no link to them and gets 403 without a form; a
/// forged post, with a valid antiforgery token and the admin form's own name, is 403 and stores nothing (no event, no
/// document: keys and sessions are documents).
/// </summary>
[Collection(WorkspaceBrowserCollection.Name)]
public sealed class WorkspaceAdminGuardTests(WorkspaceBrowserApi api)
{
    public static TheoryData<string, string, string> Forged() => new()
    {
        // address, the form's name (Blazor's _handler), its fields
        { "/workspace/members", "member", "code=GE-ZUG&kind=Local&name=Zugdidi&defaultLanguage=ka&region=Europe" },
        { "/workspace/members/GE/status", "status", "status=Inactive&reason=forged&expectedVersion=1" },
        { "/workspace/members/GE/rename", "rename", "name=Forged&lang=en&reason=forged&expectedVersion=1" },
        { "/workspace/keys", "key", "name=Forged&role=admin&organisation=Nobody" },
        { "/workspace/keys/{key}/revoke", "revoke", "" },
        // A version no comment is at: who may moderate is asked before the version, so this is 403 and not 409.
        { "/workspace/moderation/{comment}", "moderate", "moderation=hide&reason=forged&expectedVersion=0" },
    };

    [Fact]
    public async Task A_poc_sees_no_admin_link_and_each_admin_page_is_403_without_its_form()
    {
        await using var context = await api.NewContext();
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.PocGe);
        Assert.Equal(0, await tab.Locator("a[href^='/workspace/members'], a[href^='/workspace/keys'], a[href^='/workspace/moderation']").CountAsync());
        Assert.Equal(0, await tab.Locator("main h2", new() { HasText = T("Admin.Title", "en") }).CountAsync());
        foreach (var page in new[] { "/workspace/members", "/workspace/members/GE/rename", "/workspace/members/GE/status", "/workspace/keys", "/workspace/keys/issued", "/workspace/moderation" })
        {
            var opened = await tab.GotoAsync(page);
            Assert.Equal(403, opened!.Status);
            Assert.Equal(0, await tab.Locator("form.form").CountAsync());
            Assert.Contains(T("Work.Forbidden", "en"), await tab.InnerTextAsync("main"));
        }
        await Checked(tab, "admin-forbidden", "en");
    }

    [Theory]
    [MemberData(nameof(Forged))]
    public async Task A_forged_post_to_an_admin_form_is_403_and_stores_nothing(string address, string form, string fields)
    {
        var key = (await (await api.Admin().GetAsync("/api/api-keys")).Expect(HttpStatusCode.OK)).AsArray().First(k => k!["revokedAt"] is null)!["keyId"]!.GetValue<string>();
        var target = address.Replace("{key}", key).Replace("{comment}", $"{api.Ge["moderation-en"].Commitment}/{api.ToModerate["en"]}");
        await using var context = await api.NewContext();
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.Cso);
        // A form of the CSO's own page, with its valid token, rebuilt as the admin form would post.
        await tab.EvaluateAsync("""
            ([target, form, fields]) => {
              const f = document.querySelector('.workspace-bar form');
              f.className = 'form'; f.setAttribute('action', target);
              for (const [name, value] of [['_handler', form], ...new URLSearchParams(fields)]) {
                const i = document.createElement('input'); i.type = 'hidden'; i.name = name; i.value = value; f.appendChild(i); }
            }
            """, new[] { target, form, fields });
        var before = await api.Footprint();
        Assert.Equal(403, await Post(tab));
        Assert.Equal(before, await api.Footprint());
        Assert.Equal(0, await tab.Locator("form.form").CountAsync());
        Assert.Contains(T("Work.Forbidden", "en"), await tab.InnerTextAsync("main"));
        Assert.Equal("Active", (await (await api.Anonymous().GetAsync("/api/members/GE")).Expect(HttpStatusCode.OK))["status"]!.GetValue<string>());
    }
}
