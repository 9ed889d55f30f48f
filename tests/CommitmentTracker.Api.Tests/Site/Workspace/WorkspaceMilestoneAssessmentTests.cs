using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;
using static CommitmentTracker.Api.Tests.Site.SiteBrowserTests;
using static CommitmentTracker.Api.Tests.Site.Workspace.WorkspaceTabs;

namespace CommitmentTracker.Api.Tests.Site.Workspace;

// HttpClient, not Alba: what the browser wrote is read back over BrowserApi's Kestrel socket, which has no TestServer for Alba.
/// <summary>
/// A CSO's view of one milestone in real chromium, in English and in Georgian: from the CSO's home, sent wrong (the
/// messages beside status and comment, the evidence kept), then right from the keyboard alone, then revised from the
/// prefilled form; the API holds both filings. A PoC is refused the page, and its forged post appends nothing.
/// </summary>
[Collection(WorkspaceBrowserCollection.Name)]
public sealed class WorkspaceMilestoneAssessmentTests(WorkspaceBrowserApi api)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ka")]
    public async Task Cso_files_then_revises_its_view_of_a_milestone(string lang)
    {
        var (commitment, milestone) = api.Ge["cso-" + lang];
        var form = $"/workspace/commitments/{commitment}/milestones/{milestone}/assessment";
        await using var context = await api.NewContext(lang);
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.Cso);
        await tab.ClickAsync($"a[href='{form}']");
        await CheckedAtBothWidths(tab, "form-milestone-assessment", lang);
        await KeyboardReachesEveryField(tab);

        await tab.FillAsync("#evidence-0-url", "https://csi.ge/milestone.pdf");
        var before = await api.EventCount();
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "status");
        await ErrorBeside(tab, "comment");
        Assert.Equal("https://csi.ge/milestone.pdf", await tab.InputValueAsync("#evidence-0-url"));
        Assert.Equal(before, await api.EventCount());
        await CheckedAtBothWidths(tab, "form-milestone-assessment-errors", lang);

        await tab.SelectOptionAsync("#status", "PartiallyMet");
        await tab.Locator("#comment").FocusAsync();
        await tab.Keyboard.TypeAsync(WorkspaceBrowserApi.GeorgianRegions);
        Assert.Equal(303, await PostWithKeyboard(tab));

        await tab.GotoAsync(form);
        Assert.Equal("PartiallyMet", await tab.InputValueAsync("#status"));
        Assert.Equal(WorkspaceBrowserApi.GeorgianRegions, await tab.InputValueAsync("#comment"));
        await tab.SelectOptionAsync("#status", "Met");
        Assert.Equal(303, await Post(tab));

        var filed = await (await api.Admin().GetAsync($"/api/commitments/{commitment}/milestones/{milestone}/assessments/cso")).Expect(HttpStatusCode.OK);
        var own = Assert.Single(filed.AsArray());
        Assert.Equal(WorkspaceBrowserApi.CsoOrganisation, own!["organisation"]!.GetValue<string>());
        Assert.Equal(["PartiallyMet", "Met"], own["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()));
        Assert.Equal(WorkspaceBrowserApi.GeorgianRegions, own["latest"]!["comment"]!.GetValue<string>());
        Assert.Equal("https://csi.ge/milestone.pdf", own["history"]![0]!["evidence"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_poc_is_refused_the_form_and_its_forged_post_appends_nothing()
    {
        var (commitment, milestone) = api.Ge["forged"];
        await using var context = await api.NewContext();
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.PocGe);
        var opened = await tab.GotoAsync($"/workspace/commitments/{commitment}/milestones/{milestone}/assessment");
        Assert.Equal(403, opened!.Status);
        Assert.Equal(0, await tab.Locator("form.form").CountAsync());
        Assert.Contains(T("Work.Forbidden", "en"), await tab.InnerTextAsync("main"));

        // The sign-out form of the PoC's own page, with its valid token, rebuilt as the assessment form would post.
        await tab.EvaluateAsync("""
            target => {
              const f = document.querySelector('.workspace-bar form');
              f.className = 'form'; f.setAttribute('action', target);
              for (const [name, value] of [['_handler', 'milestone-assessment'], ['status', 'Met'], ['comment', 'forged']]) {
                const i = document.createElement('input'); i.type = 'hidden'; i.name = name; i.value = value; f.appendChild(i); }
            }
            """, $"/workspace/commitments/{commitment}/milestones/{milestone}/assessment");
        var before = await api.Footprint();
        Assert.Equal(403, await Post(tab));
        Assert.Equal(before, await api.Footprint());
        Assert.Empty((await (await api.Admin().GetAsync($"/api/commitments/{commitment}/milestones/{milestone}/assessments/cso")).Expect(HttpStatusCode.OK)).AsArray());
    }
}
