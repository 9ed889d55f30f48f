using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;
using static CommitmentTracker.Api.Tests.Site.SiteBrowserTests;
using static CommitmentTracker.Api.Tests.Site.Workspace.WorkspaceTabs;

namespace CommitmentTracker.Api.Tests.Site.Workspace;

// HttpClient, not Alba: what the browser wrote is read back over BrowserApi's Kestrel socket, which has no TestServer for Alba.
/// <summary>
/// Each role's journey in real chromium, in English and in Georgian: sign in with the keyboard, the home that lists only
/// what this person may do, every form first sent wrong (the write path's messages beside the fields, the typed text
/// kept) then right (303 back to the workspace, and the API reads the change), axe and a screenshot of each state.
/// </summary>
[Collection(WorkspaceBrowserCollection.Name)]
public sealed class WorkspaceJourneyTests(WorkspaceBrowserApi api)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ka")]
    public async Task Poc_reports_progress_reschedules_changes_completion_adds_a_milestone_and_answers_the_cso(string lang)
    {
        var (commitment, milestone) = api.Ge[lang];
        var path = $"/workspace/commitments/{commitment}";
        await using var context = await api.NewContext(lang);
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.PocGe);
        Assert.Contains(T("Work.MyCommitments", lang), await tab.InnerTextAsync("main h2"));
        var home = await tab.InnerTextAsync("main");
        Assert.Contains(commitment, home);
        Assert.DoesNotContain(api.AmCommitment, home); // Armenia's commitment is not this official's
        Assert.Equal(0, await tab.Locator($"a[href*='/workspace/commitments/{api.AmCommitment}']").CountAsync());
        Assert.Equal(0, await tab.Locator("a[href$='/assessment']").CountAsync()); // no CSO form for a PoC
        await Checked(tab, "workspace-poc", lang);

        // Progress: out of range and a bare address first; the messages sit beside percent and the link, the note stays.
        await tab.ClickAsync($"a[href='{path}/milestones/{milestone}/progress']");
        await Checked(tab, "form-progress", lang);
        await KeyboardReachesEveryField(tab);
        await tab.FillAsync("#percent", "150");
        await tab.FillAsync("#note", WorkspaceBrowserApi.GeorgianRegions);
        await tab.FillAsync("#evidence-0-url", "csi.ge/report");
        await tab.FillAsync("#evidence-0-title", "ანგარიში");
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "percent");
        await ErrorBeside(tab, "evidence-0-url");
        Assert.Equal(WorkspaceBrowserApi.GeorgianRegions, await tab.InputValueAsync("#note"));
        Assert.Equal("ანგარიში", await tab.InputValueAsync("#evidence-0-title"));
        Assert.True(await tab.Locator(".error-summary a[href='#percent']").IsVisibleAsync());
        await Checked(tab, "form-progress-errors", lang);
        await tab.FillAsync("#percent", "60");
        await tab.FillAsync("#evidence-0-url", "https://csi.ge/report.pdf");
        Assert.Equal(303, await Post(tab));
        Assert.EndsWith($"/workspace?saved={commitment}", tab.Url);
        Assert.Contains(T("Work.Saved", lang, commitment), await tab.InnerTextAsync("[role=status]"));
        var read = await api.Read(commitment);
        Assert.Equal(60, read["milestones"]![0]!["progress"]!.GetValue<int>());
        Assert.Equal("https://csi.ge/report.pdf", read["milestones"]![0]!["evidence"]![0]!["url"]!.GetValue<string>());

        // Reschedule: a due date before the start and no reason, then a real one.
        await tab.ClickAsync($"a[href='{path}/milestones/{milestone}/reschedule']");
        await Checked(tab, "form-reschedule", lang);
        await KeyboardReachesEveryField(tab);
        await tab.FillAsync("#due", "2023-06-30");
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "due");
        await ErrorBeside(tab, "reason");
        Assert.Equal("2023-06-30", await tab.InputValueAsync("#due"));
        await Checked(tab, "form-reschedule-errors", lang);
        await tab.FillAsync("#due", "2025-06-30");
        await tab.FillAsync("#reason", "შესყიდვა დაგვიანდა");
        Assert.Equal(303, await Post(tab));
        Assert.Equal("2025-06-30", (await api.Read(commitment))["milestones"]![0]!["due"]!.GetValue<string>());

        // Completion, with the keyboard alone: no reason first, then a reason.
        await tab.ClickAsync($"a[href='{path}/completion']");
        await Checked(tab, "form-completion", lang);
        await KeyboardReachesEveryField(tab);
        await tab.SelectOptionAsync("#completion", "Substantial");
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "reason");
        Assert.Equal("Substantial", await tab.InputValueAsync("#completion"));
        await Checked(tab, "form-completion-errors", lang);
        await TabTo(tab, "#reason");
        await tab.Keyboard.TypeAsync("პორტალი ორ რეგიონში მუშაობს");
        await TabTo(tab, "form.form button[type=submit]");
        await tab.RunAndWaitForResponseAsync(() => tab.Keyboard.PressAsync("Enter"), r => r.Request.Method == "POST" && r.Status == 303);
        await tab.WaitForURLAsync("**/workspace?saved=**");
        Assert.Equal("Substantial", (await api.Read(commitment))["completion"]!.GetValue<string>());

        // A new milestone: nothing filled first, then a title from the seed and its dates.
        await tab.ClickAsync($"a[href='{path}/milestones/new']");
        await Checked(tab, "form-milestone", lang);
        await KeyboardReachesEveryField(tab);
        await tab.FillAsync("#responsibleInstitution", "Ministry of Finance");
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "title");
        await ErrorBeside(tab, "start");
        await ErrorBeside(tab, "due");
        Assert.Equal("Ministry of Finance", await tab.InputValueAsync("#responsibleInstitution"));
        await Checked(tab, "form-milestone-errors", lang);
        await tab.FillAsync("#title", WorkspaceBrowserApi.GeorgianRegions);
        await tab.SelectOptionAsync("#lang", "ka");
        await tab.FillAsync("#start", "2024-02-01");
        await tab.FillAsync("#due", "2024-11-30");
        Assert.Equal(303, await Post(tab));
        var milestones = (await api.Read(commitment))["milestones"]!.AsArray();
        Assert.Equal(2, milestones.Count);
        Assert.Equal("Ministry of Finance", milestones[1]!["responsibleInstitution"]!.GetValue<string>());

        // Answer the CSO's assessment: no stance and no text first.
        await tab.ClickAsync($"a[href='{path}/assessments/cso/{Uri.EscapeDataString(WorkspaceBrowserApi.CsoOrganisation)}/respond']");
        Assert.Contains("მხოლოდ ერთ რეგიონში", await tab.InnerTextAsync("blockquote"));
        await Checked(tab, "form-answer", lang);
        await KeyboardReachesEveryField(tab);
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "stance");
        await ErrorBeside(tab, "text");
        await Checked(tab, "form-answer-errors", lang);
        await tab.SelectOptionAsync("#stance", "PartlyAccepted");
        await tab.FillAsync("#text", "ორი რეგიონი უკვე მუშაობს");
        await tab.SelectOptionAsync("#lang", "ka");
        Assert.Equal(303, await Post(tab));
        var answers = await (await api.Admin().GetAsync($"/api/commitments/{commitment}/assessments/cso/{Uri.EscapeDataString(WorkspaceBrowserApi.CsoOrganisation)}/responses"))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("ორი რეგიონი უკვე მუშაობს", answers[0]!["text"]!["ka"]!.GetValue<string>());
        Assert.Equal("PartlyAccepted", answers[0]!["stance"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ka")]
    public async Task Cso_files_then_revises_its_assessment(string lang)
    {
        var (commitment, _) = api.Ge["cso-" + lang];
        await using var context = await api.NewContext(lang);
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.Cso);
        Assert.Contains(T("Work.ToAssess", lang), await tab.InnerTextAsync("main h2"));
        Assert.Equal(0, await tab.Locator("a[href$='/progress'], a[href$='/completion']").CountAsync()); // no PoC forms for a CSO
        await Checked(tab, "workspace-cso", lang);

        await tab.ClickAsync($"a[href='/workspace/commitments/{commitment}/assessment']");
        await Checked(tab, "form-assessment", lang);
        await KeyboardReachesEveryField(tab);
        await tab.FillAsync("#evidence-0-url", "https://csi.ge/monitoring.pdf");
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "completion");
        await ErrorBeside(tab, "comment");
        Assert.Equal("https://csi.ge/monitoring.pdf", await tab.InputValueAsync("#evidence-0-url"));
        await Checked(tab, "form-assessment-errors", lang);
        await tab.SelectOptionAsync("#completion", "Limited");
        await tab.FillAsync("#comment", WorkspaceBrowserApi.GeorgianRegions);
        Assert.Equal(303, await Post(tab));

        // Revising: the form opens with the organisation's own latest view.
        await tab.ClickAsync($"a[href='/workspace/commitments/{commitment}/assessment']");
        Assert.Equal("Limited", await tab.InputValueAsync("#completion"));
        Assert.Equal(WorkspaceBrowserApi.GeorgianRegions, await tab.InputValueAsync("#comment"));
        await tab.SelectOptionAsync("#completion", "Substantial");
        Assert.Equal(303, await Post(tab));
        var filed = await (await api.Admin().GetAsync($"/api/commitments/{commitment}/assessments/cso")).Expect(HttpStatusCode.OK);
        Assert.Equal(WorkspaceBrowserApi.CsoOrganisation, filed[0]!["organisation"]!.GetValue<string>());
        Assert.Equal(2, filed[0]!["history"]!.AsArray().Count);
        Assert.Equal("Substantial", filed[0]!["latest"]!["completion"]!.GetValue<string>());
        Assert.Equal("https://csi.ge/monitoring.pdf", filed[0]!["history"]![0]!["evidence"]![0]!["url"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ka")]
    public async Task Irm_records_design_and_results_indicators(string lang)
    {
        var (commitment, _) = api.Ge["irm-" + lang];
        await using var context = await api.NewContext(lang);
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.Irm);
        Assert.Contains(T("Work.ToRecord", lang), await tab.InnerTextAsync("main h2"));
        Assert.Equal(0, await tab.Locator("a[href$='/progress'], a[href$='/assessment']").CountAsync()); // no PoC or CSO forms for the IRM
        await Checked(tab, "workspace-irm", lang);

        await tab.ClickAsync($"a[href='/workspace/commitments/{commitment}/indicators']");
        await Checked(tab, "form-indicators", lang);
        await KeyboardReachesEveryField(tab);
        // Half the design indicators: the others are named beside their fields; the results, left empty, are not sent.
        await tab.SelectOptionAsync("#design-verifiable", "true");
        await tab.FillAsync("#design-comment", WorkspaceBrowserApi.GeorgianRegions);
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "design-openGovernmentLens");
        await ErrorBeside(tab, "design-potentialForResults");
        await ErrorBeside(tab, "design-promising");
        Assert.Equal(0, await tab.Locator("#results-completion-error").CountAsync());
        Assert.Equal(WorkspaceBrowserApi.GeorgianRegions, await tab.InputValueAsync("#design-comment"));
        await Checked(tab, "form-indicators-errors", lang);
        await tab.SelectOptionAsync("#design-openGovernmentLens", "true");
        await tab.SelectOptionAsync("#design-potentialForResults", "Substantial");
        await tab.SelectOptionAsync("#design-promising", "false");
        await tab.SelectOptionAsync("#results-completion", "Limited");
        await tab.SelectOptionAsync("#results-didItOpenGovernment", "Marginal");
        Assert.Equal(303, await Post(tab));
        var irm = (await api.Read(commitment))["assessments"]!["irm"]!;
        Assert.True(irm["design"]!["verifiable"]!.GetValue<bool>());
        Assert.False(irm["design"]!["promising"]!.GetValue<bool>());
        Assert.Equal("Substantial", irm["design"]!["potentialForResults"]!.GetValue<string>());
        Assert.Equal("Limited", irm["results"]!["completion"]!.GetValue<string>());
    }
}
