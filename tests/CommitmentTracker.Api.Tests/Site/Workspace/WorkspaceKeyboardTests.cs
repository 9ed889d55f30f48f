using System.Net;
using CommitmentTracker.Api.Tests.Features.Documents;
using CommitmentTracker.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitmentTracker.Api.Tests.Site.Workspace.WorkspaceTabs;

namespace CommitmentTracker.Api.Tests.Site.Workspace;

// HttpClient, not Alba: what the browser wrote is read back over BrowserApi's Kestrel socket, which has no TestServer for Alba.
/// <summary>
/// Every workspace form filled and sent with the keyboard alone, in real chromium: Tab to each field, type (arrow keys
/// in a list, Space on a checkbox and on a file picker), Tab to the button and Enter; then the API reads the change.
/// </summary>
[Collection(WorkspaceBrowserCollection.Name)]
public sealed class WorkspaceKeyboardTests(WorkspaceBrowserApi api)
{
    [Fact]
    public async Task The_PoC_forms_are_filled_and_sent_with_the_keyboard_alone()
    {
        var (commitment, milestone) = api.Ge["kb"];
        var c = $"/workspace/commitments/{commitment}";
        await using var context = await api.NewContext();
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.PocGe);

        await tab.GotoAsync($"{c}/milestones/{milestone}/progress");
        await Type(tab, "#percent", "55");
        await Type(tab, "#note", WorkspaceBrowserApi.GeorgianRegions);
        await Type(tab, "#evidence-0-url", "https://csi.ge/kb.pdf");
        await Send(tab);
        Assert.Equal(55, (await api.Read(commitment))["milestones"]![0]!["progress"]!.GetValue<int>());

        await tab.GotoAsync($"{c}/milestones/{milestone}/reschedule");
        await DateByKeys(tab, "#due", "03", "31", "2025");
        await Type(tab, "#reason", "შესყიდვა დაგვიანდა");
        await Send(tab);
        Assert.Equal("2025-03-31", (await api.Read(commitment))["milestones"]![0]!["due"]!.GetValue<string>());

        await tab.GotoAsync($"{c}/completion");
        await Choose(tab, "#completion", "Substantial");
        await Type(tab, "#reason", "ორ რეგიონში მუშაობს");
        await Send(tab);
        Assert.Equal("Substantial", (await api.Read(commitment))["completion"]!.GetValue<string>());

        await tab.GotoAsync($"{c}/milestones/new");
        await Type(tab, "#title", WorkspaceBrowserApi.GeorgianTitle);
        await Choose(tab, "#lang", "ka");
        await DateByKeys(tab, "#start", "02", "01", "2024");
        await DateByKeys(tab, "#due", "11", "30", "2024");
        await Send(tab);
        Assert.Equal(2, (await api.Read(commitment))["milestones"]!.AsArray().Count);

        await tab.GotoAsync($"{c}/assessments/cso/{Uri.EscapeDataString(WorkspaceBrowserApi.CsoOrganisation)}/respond");
        await Choose(tab, "#stance", "PartlyAccepted");
        await Type(tab, "#text", "ორი რეგიონი უკვე მუშაობს");
        await Send(tab);
        var answers = await (await api.Admin().GetAsync($"/api/commitments/{commitment}/assessments/cso/{Uri.EscapeDataString(WorkspaceBrowserApi.CsoOrganisation)}/responses"))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("PartlyAccepted", answers[0]!["stance"]!.GetValue<string>());

        // The plan forms.
        var (plan, own, ownMilestone) = api.GePlans["kb"];
        var p = $"/workspace/plans/{plan}";
        await tab.GotoAsync($"{p}/commitments/new");
        await Type(tab, "#title", WorkspaceBrowserApi.GeorgianRegions);
        await Choose(tab, "#lang", "ka");
        await Type(tab, "#leadInstitution-name", "საჯარო სამსახურის ბიურო");
        await TabTo(tab, "input[name=policyAreas][value=Justice]");
        await tab.Keyboard.PressAsync("Space");
        await Send(tab);
        var made = await api.Read(new Uri(tab.Url).Query.Split("saved=")[1]);
        Assert.Equal("Justice", made["policyAreas"]![0]!.GetValue<string>());

        await tab.GotoAsync($"{p}/import");
        await PickByKeys(tab, "#commitments", WorkspacePlanFormsTests.Csv("commitments.csv",
            "Commitment Unique Identifier,Title,Lead Institution,Policy Areas\nKB-1,ღია ბიუჯეტი,Ministry of Finance,FiscalOpenness\n"));
        Assert.Equal(200, await Send(tab, expect: 200));
        Assert.True(await tab.Locator("#import-report").IsVisibleAsync());
        await Send(tab);
        Assert.Equal(3, (await (await api.Admin().GetAsync($"/api/commitments?plan={plan}")).Expect(HttpStatusCode.OK))["totalCount"]!.GetValue<int>());

        await tab.GotoAsync($"/workspace/commitments/{own}/milestones/{ownMilestone}/progress");
        await Type(tab, "#percent", "20");
        await PickByKeys(tab, "#file", new FilePayload { Name = "report.pdf", MimeType = "application/pdf", Buffer = Uploads.Pdf });
        await Type(tab, "#title", "ანგარიში");
        await Send(tab);
        Assert.StartsWith(plan + "-D", (await api.Read(own))["milestones"]![0]!["evidence"]![0]!["documentId"]!.GetValue<string>());

        await tab.GotoAsync($"{p}/status");
        await Choose(tab, "#status", "CoCreation");
        await Type(tab, "#reason", "ფორუმი შეიკრიბა");
        await Send(tab);
        Assert.Equal("CoCreation", (await api.Plan(plan))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_CSO_and_IRM_forms_are_filled_and_sent_with_the_keyboard_alone()
    {
        await using var context = await api.NewContext();
        var tab = await context.NewPageAsync();
        var (assessed, _) = api.Ge["kb-cso"];
        await SignIn(tab, api.Cso);
        await tab.GotoAsync($"/workspace/commitments/{assessed}/assessment");
        await Choose(tab, "#completion", "Limited");
        await Type(tab, "#comment", WorkspaceBrowserApi.GeorgianRegions);
        await Send(tab);
        var filed = await (await api.Admin().GetAsync($"/api/commitments/{assessed}/assessments/cso")).Expect(HttpStatusCode.OK);
        Assert.Equal("Limited", filed[0]!["latest"]!["completion"]!.GetValue<string>());

        await using var irmContext = await api.NewContext();
        tab = await irmContext.NewPageAsync();
        var (recorded, _) = api.Ge["kb"];
        await SignIn(tab, api.Irm);
        await tab.GotoAsync($"/workspace/commitments/{recorded}/indicators");
        await Choose(tab, "#design-verifiable", "true");
        await Choose(tab, "#design-openGovernmentLens", "true");
        await Choose(tab, "#design-potentialForResults", "Modest");
        await Choose(tab, "#design-promising", "false");
        await Send(tab);
        var irm = (await api.Read(recorded))["assessments"]!["irm"]!;
        Assert.Equal("Modest", irm["design"]!["potentialForResults"]!.GetValue<string>());
        Assert.False(irm["design"]!["promising"]!.GetValue<bool>());
    }

    /// <summary>Tab to the field, select what is in it, type.</summary>
    private static async Task Type(IPage tab, string selector, string text)
    {
        await TabTo(tab, selector);
        await tab.Keyboard.PressAsync("Control+A");
        await tab.Keyboard.TypeAsync(text);
    }

    /// <summary>Tab to a list and move through it with the arrow keys to <paramref name="value"/>.</summary>
    private static async Task Choose(IPage tab, string selector, string value)
    {
        await TabTo(tab, selector);
        await tab.Keyboard.PressAsync("Home");
        for (var i = 0; i < 40 && await tab.InputValueAsync(selector) != value; i++) await tab.Keyboard.PressAsync("ArrowDown");
        Assert.Equal(value, await tab.InputValueAsync(selector));
    }

    /// <summary>A date field takes its parts as the browser's English (US) locale orders them: month, day, year.</summary>
    private static async Task DateByKeys(IPage tab, string selector, string month, string day, string year)
    {
        await TabTo(tab, selector);
        await tab.Keyboard.TypeAsync(month + day + year);
        Assert.Equal($"{year}-{month}-{day}", await tab.InputValueAsync(selector));
    }

    /// <summary>Tab to a file field and open its picker with Space; the picker gets the file.</summary>
    private static async Task PickByKeys(IPage tab, string selector, FilePayload file)
    {
        await TabTo(tab, selector);
        // A loaded machine sometimes drops the first key's picker: Space again, at most three times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var chooser = await tab.RunAndWaitForFileChooserAsync(() => tab.Keyboard.PressAsync("Space"), new() { Timeout = 10_000 });
                await chooser.SetFilesAsync(file);
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                Assert.True(await tab.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector), $"{selector} lost the focus");
            }
        }
    }

    /// <summary>Tab to the form's button and press Enter: the post answers <paramref name="expect"/> (303: it landed).</summary>
    private static async Task<int> Send(IPage tab, int expect = 303)
    {
        await TabTo(tab, "form.form button[type=submit]");
        var response = await tab.RunAndWaitForResponseAsync(() => tab.Keyboard.PressAsync("Enter"), r => r.Request.Method == "POST");
        await tab.WaitForLoadStateAsync(LoadState.Load);
        Assert.True(expect == response.Status, $"{response.Status}: {await tab.InnerTextAsync("main")}");
        return response.Status;
    }
}
