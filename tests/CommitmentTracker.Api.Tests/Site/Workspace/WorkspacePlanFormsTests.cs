using System.Net;
using System.Text;
using CommitmentTracker.Api.Tests.Features.Export;
using CommitmentTracker.Api.Tests.Features.Documents;
using CommitmentTracker.Api.Tests.Features.Import;
using CommitmentTracker.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitmentTracker.Api.Tests.Site.SiteBrowserTests;
using static CommitmentTracker.Api.Tests.Site.Workspace.WorkspaceTabs;

namespace CommitmentTracker.Api.Tests.Site.Workspace;

// HttpClient, not Alba: what the browser wrote is read back (and the sheets exported) over BrowserApi's Kestrel socket, which has no TestServer for Alba.
/// <summary>
/// The PoC's plan forms in real chromium, in English and Georgian: draft a commitment, import a sheet (dry run, then
/// confirm), report progress with an uploaded document, move the plan. Each is first sent wrong (the write path's
/// messages beside the fields, the typed text kept), then right; axe and screenshots at 1280 and 390 px of each state.
/// </summary>
[Collection(WorkspaceBrowserCollection.Name)]
public sealed class WorkspacePlanFormsTests(WorkspaceBrowserApi api)
{
    private const string Lead = "საჯარო სამსახურის ბიურო";

    [Theory]
    [InlineData("en")]
    [InlineData("ka")]
    public async Task Poc_drafts_a_commitment_imports_a_sheet_reports_progress_with_a_document_and_moves_the_plan(string lang)
    {
        var (plan, commitment, milestone) = api.GePlans["plan-" + lang];
        var path = $"/workspace/plans/{plan}";
        await using var context = await api.NewContext(lang);
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.PocGe);
        Assert.Contains(T("Work.MyPlans", lang), await tab.InnerTextAsync("main"));
        Assert.Equal(0, await tab.Locator($"a[href^='/workspace/plans/{api.AmPlan}/']").CountAsync()); // Armenia's plan is not this official's

        // Draft: a title but no lead institution and no policy area first; the messages sit beside both, the title stays.
        await tab.ClickAsync($"a[href='{path}/commitments/new']");
        await Shots(tab, "form-draft", lang);
        await tab.FillAsync("#title", WorkspaceBrowserApi.GeorgianTitle);
        await tab.SelectOptionAsync("#lang", "ka");
        await tab.CheckAsync("#ogpValues-1");
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "leadInstitution-name");
        await ErrorBeside(tab, "policyAreas");
        Assert.Equal(WorkspaceBrowserApi.GeorgianTitle, await tab.InputValueAsync("#title"));
        Assert.True(await tab.IsCheckedAsync("#ogpValues-1"));
        await Shots(tab, "form-draft-errors", lang);
        await tab.FillAsync("#leadInstitution-name", Lead);
        await tab.CheckAsync("input[name=policyAreas][value=PublicServiceDelivery]");
        Assert.Equal(303, await Post(tab));
        var made = new Uri(tab.Url).Query.Split("saved=")[1];
        var drafted = await api.Read(made);
        Assert.Equal(plan, drafted["planId"]!.GetValue<string>());
        Assert.Equal(WorkspaceBrowserApi.GeorgianTitle, drafted["titleTranslations"]!["ka"]!.GetValue<string>());
        Assert.Equal(Lead, drafted["leadInstitution"]!["name"]!.GetValue<string>());
        Assert.Equal("PublicServiceDelivery", drafted["policyAreas"]![0]!.GetValue<string>());
        Assert.Equal("CivicParticipation", drafted["ogpValues"]![0]!.GetValue<string>());

        // Import: a sheet with a bad row first, every error listed by sheet, row and column, nothing written.
        await tab.ClickAsync($"a[href='{path}/import']");
        await Shots(tab, "form-import", lang);
        var before = await api.EventCount();
        await tab.SetInputFilesAsync("#commitments", Csv("commitments.csv",
            "Commitment Unique Identifier,Title,Lead Institution,Policy Areas\nN1,ღია ბიუჯეტი,Ministry of Finance,Sports\n"));
        await tab.SetInputFilesAsync("#milestones", Csv("milestones.csv",
            "Commitment Unique Identifier,Title,Start Date,Due Date\nN1,ანგარიში,2024-06-30,2024-01-01\n"));
        Assert.Equal(400, await Post(tab));
        var errors = await tab.InnerTextAsync("#import-errors");
        Assert.Contains(T("Form.ImportRow", lang, "commitments.csv", 2), errors);
        Assert.Contains("Policy Areas", errors);
        Assert.Contains("Sports", errors);
        Assert.Contains(T("Form.ImportRow", lang, "milestones.csv", 2), errors);
        Assert.Contains("Due Date", errors);
        Assert.Equal(before, await api.EventCount());
        await Shots(tab, "form-import-errors", lang);

        // Then the plan's own export with a milestone's progress changed and a new commitment: the dry run shows the diff.
        var (commitments, milestones) = await Export(plan);
        milestones.Rows.Single(r => r["Milestone ID"] == milestone)["Progress %"] = "40";
        commitments.Rows.Add(new(commitments.Rows[0]) { ["Commitment Unique Identifier"] = "NEW-1", ["Title [ka]"] = WorkspaceBrowserApi.GeorgianRegions, ["Title"] = WorkspaceBrowserApi.GeorgianRegions });
        await tab.SetInputFilesAsync("#commitments", Csv("commitments.csv", commitments.Bytes()));
        await tab.SetInputFilesAsync("#milestones", Csv("milestones.csv", milestones.Bytes()));
        await tab.FillAsync("#reason", "ანგარიში გამოქვეყნდა");
        Assert.Equal(200, await Post(tab));
        Assert.Contains(T("Form.ImportWould", lang, 1, 1, 1), await tab.InnerTextAsync("[role=status]"));
        var report = await tab.InnerTextAsync("#import-report");
        Assert.Contains("Progress %", report);
        Assert.Contains(milestone, report);
        Assert.Contains("40", report);
        Assert.Contains(T("Form.ImportCreated", lang, 0), report);
        Assert.Equal(before, await api.EventCount()); // a dry run writes nothing
        await Shots(tab, "form-import-dryrun", lang);
        Assert.Equal(303, await Post(tab));
        Assert.EndsWith($"/workspace?saved={plan}", tab.Url);
        Assert.Equal(40, (await api.Read(commitment))["milestones"]![0]!["progress"]!.GetValue<int>());
        var inPlan = await (await api.Admin().GetAsync($"/api/commitments?plan={plan}")).Expect(HttpStatusCode.OK);
        Assert.Equal(3, inPlan["totalCount"]!.GetValue<int>());

        // Progress with an uploaded document: HTML behind a PDF's name first, refused beside the file, the note kept.
        await tab.GotoAsync($"/workspace/commitments/{commitment}/milestones/{milestone}/progress");
        await tab.FillAsync("#percent", "70");
        await tab.FillAsync("#note", WorkspaceBrowserApi.GeorgianRegions);
        await tab.SetInputFilesAsync("#file", new FilePayload { Name = "report.pdf", MimeType = "application/pdf", Buffer = Encoding.UTF8.GetBytes("<html><body>not a pdf</body></html>") });
        before = await api.EventCount();
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "file");
        Assert.Equal(WorkspaceBrowserApi.GeorgianRegions, await tab.InputValueAsync("#note"));
        Assert.Equal(before, await api.EventCount());
        await Shots(tab, "form-progress-document-errors", lang);
        await tab.SetInputFilesAsync("#file", new FilePayload { Name = "ანგარიში.pdf", MimeType = "application/pdf", Buffer = Uploads.Pdf });
        await tab.FillAsync("#title", "მონიტორინგის ანგარიში");
        Assert.Equal(303, await Post(tab));
        var evidence = (await api.Read(commitment))["milestones"]![0]!["evidence"]!.AsArray();
        var document = evidence.Single()!["documentId"]!.GetValue<string>();
        Assert.StartsWith(plan + "-D", document);
        Assert.Equal(Uploads.Pdf, await api.Admin().GetByteArrayAsync($"/api/action-plans/{plan}/documents/{document}/content"));
        Assert.Equal("მონიტორინგის ანგარიში", (await api.Plan(plan))["documents"]![0]!["title"]!.GetValue<string>());

        // Move: only the next step and Withdrawn are offered; no reason first.
        await tab.GotoAsync("/workspace");
        await tab.ClickAsync($"a[href='{path}/status']");
        Assert.Equal(["", "CoCreation", "Withdrawn"], await Options(tab, "#status"));
        await Shots(tab, "form-move", lang);
        await tab.SelectOptionAsync("#status", "CoCreation");
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "reason");
        Assert.Equal("CoCreation", await tab.InputValueAsync("#status"));
        await Shots(tab, "form-move-errors", lang);
        await tab.FillAsync("#reason", "თანაშექმნის ფორუმი შეიკრიბა");
        Assert.Equal(303, await Post(tab));
        Assert.Equal("CoCreation", (await api.Plan(plan))["status"]!.GetValue<string>());
        await tab.GotoAsync($"{path}/status");
        Assert.Equal(["", "Submitted", "Withdrawn"], await Options(tab, "#status"));
    }

    [Fact]
    public async Task Another_members_poc_cannot_see_or_post_the_plan_forms_and_nothing_is_appended()
    {
        var (plan, commitment, milestone) = api.GePlans["plan-forged"];
        await using var context = await api.NewContext();
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.PocAm);
        foreach (var form in new[] { "commitments/new", "status", "import" })
        {
            var opened = await tab.GotoAsync($"/workspace/plans/{plan}/{form}");
            Assert.Equal(403, opened!.Status);
            Assert.Equal(0, await tab.Locator("form.form").CountAsync());
            Assert.Contains(T("Work.Forbidden", "en"), await tab.InnerTextAsync("main"));
        }

        // The official's own forms, with their valid tokens, pointed at Georgia's plan and milestone.
        var before = await api.EventCount();
        await Forged(tab, $"/workspace/plans/{api.AmPlan}/commitments/new", $"/workspace/plans/{plan}/commitments/new", async () =>
        {
            await tab.FillAsync("#title", "Forged");
            await tab.FillAsync("#leadInstitution-name", "Forged");
            await tab.CheckAsync("#policyAreas-0");
        });
        await Forged(tab, $"/workspace/plans/{api.AmPlan}/status", $"/workspace/plans/{plan}/status", async () =>
        {
            await tab.SelectOptionAsync("#status", "Withdrawn");
            await tab.FillAsync("#reason", "Forged");
        });
        await Forged(tab, $"/workspace/plans/{api.AmPlan}/import", $"/workspace/plans/{plan}/import", () =>
            tab.SetInputFilesAsync("#commitments", Csv("commitments.csv", "Commitment Unique Identifier,Title,Lead Institution,Policy Areas\nX,Forged,Forged,Justice\n")));
        await Forged(tab, $"/workspace/commitments/{api.AmCommitment}/milestones/{api.AmMilestone}/progress",
            $"/workspace/commitments/{commitment}/milestones/{milestone}/progress", async () =>
            {
                await tab.FillAsync("#percent", "90");
                await tab.SetInputFilesAsync("#file", new FilePayload { Name = "forged.pdf", MimeType = "application/pdf", Buffer = Uploads.Pdf });
            });
        Assert.Equal(before, await api.EventCount());
        var stored = await api.Plan(plan);
        Assert.Equal("Draft", stored["status"]!.GetValue<string>());
        Assert.Empty(stored["documents"]!.AsArray());
        Assert.Equal(1, (await (await api.Admin().GetAsync($"/api/commitments?plan={plan}")).Expect(HttpStatusCode.OK))["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_stale_move_shows_what_changed_keeps_the_reason_and_applies_on_top()
    {
        var (plan, _, _) = api.GePlans["plan-conflict"];
        var form = $"/workspace/plans/{plan}/status";
        await using var officials = await api.TwoOfficialsOn(form);
        var (nino, giorgi) = (officials.Nino, officials.Giorgi);

        await nino.SelectOptionAsync("#status", "CoCreation");
        await nino.FillAsync("#reason", "ფორუმი შეიკრიბა");
        Assert.Equal(303, await Post(nino));

        const string typed = "გეგმა გაუქმდა: ახალი მთავრობა";
        await giorgi.SelectOptionAsync("#status", "Withdrawn");
        await giorgi.FillAsync("#reason", typed);
        var before = await api.EventCount();
        Assert.Equal(409, await Post(giorgi));
        Assert.Equal(before, await api.EventCount());
        Assert.Contains("ფორუმი შეიკრიბა", await giorgi.InnerTextAsync(".conflict")); // what Nino did, and why
        Assert.Equal(typed, await giorgi.InputValueAsync("#reason"));
        Assert.Equal(["", "Submitted", "Withdrawn"], await Options(giorgi, "#status")); // the moves from where the plan is now
        await Shots(giorgi, "form-move-conflict", "ka");
        Assert.Equal(303, await Post(giorgi));
        Assert.Equal("Withdrawn", (await api.Plan(plan))["status"]!.GetValue<string>());
    }

    /// <summary>Opens <paramref name="own"/>, fills it, points it at <paramref name="target"/>: the post is 403 and shows no form.</summary>
    private static async Task Forged(IPage tab, string own, string target, Func<Task> fill)
    {
        await tab.GotoAsync(own);
        await fill();
        await tab.EvalOnSelectorAsync("form.form", $"f => f.setAttribute('action', '{target}')");
        Assert.Equal(403, await Post(tab));
        Assert.Equal(0, await tab.Locator("form.form").CountAsync());
    }

    /// <summary>axe and a screenshot at 1280 px, then at 390 px (no sideways scrolling), back to 1280.</summary>
    private static async Task Shots(IPage tab, string name, string lang)
    {
        await Checked(tab, name, lang);
        await tab.SetViewportSizeAsync(390, 844);
        var overflow = await tab.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{name} scrolls sideways by {overflow}px at 390px");
        await Shoot(tab, name, lang, 390);
        await tab.SetViewportSizeAsync(1280, 900);
    }

    public static Task<string[]> Options(IPage tab, string select) =>
        tab.EvalOnSelectorAllAsync<string[]>($"{select} option", "os => os.map(o => o.value)");

    public static FilePayload Csv(string name, string text) => Csv(name, Encoding.UTF8.GetBytes(text));

    public static FilePayload Csv(string name, byte[] bytes) => new() { Name = name, MimeType = "text/csv", Buffer = bytes };

    private async Task<(ImportUpdateTests.Sheet Commitments, ImportUpdateTests.Sheet Milestones)> Export(string plan) =>
        (ImportUpdateTests.Sheet.Of(await api.Admin().GetByteArrayAsync($"/api/export/commitments.csv?plan={plan}")),
            ImportUpdateTests.Sheet.Of(await api.Admin().GetByteArrayAsync($"/api/export/milestones.csv?plan={plan}")));
}
