using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;
using static CommitmentTracker.Api.Tests.Site.SiteBrowserTests;
using static CommitmentTracker.Api.Tests.Site.Workspace.WorkspaceTabs;

namespace CommitmentTracker.Api.Tests.Site.Workspace;

// HttpClient, not Alba: what the browser wrote is read back over BrowserApi's Kestrel socket, which has no TestServer for Alba.
/// <summary>
/// The dialogue in real chromium, in English and in Georgian: a monitor comments on a milestone and replies in the
/// thread, the official of the commitment's member answers as the government (marked official); each form first sent
/// empty (the message beside the text), axe and screenshots at 1280 and 390 px. A monitor over its comment budget gets
/// the 429 beside the text, not an error page, and nothing is written.
/// </summary>
[Collection(WorkspaceBrowserCollection.Name)]
public sealed class WorkspaceDialogueTests(WorkspaceBrowserApi api)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ka")]
    public async Task Cso_comments_and_replies_and_the_poc_answers_as_the_government(string lang)
    {
        var (commitment, milestone) = api.Ge["dialogue-" + lang];
        var (cso, poc) = api.Talkers[lang];
        var comments = $"/workspace/commitments/{commitment}/comments";
        await using var context = await api.NewContext(lang);
        var tab = await context.NewPageAsync();
        await SignIn(tab, cso);
        await tab.ClickAsync($"a[href='{comments}']");
        Assert.Contains(T("Dialogue.NoComments", lang), await tab.InnerTextAsync("main"));
        await CheckedAtBothWidths(tab, "form-comment", lang);
        await KeyboardReachesEveryField(tab);

        // Nothing typed: the message beside the text, the milestone chosen kept.
        await tab.SelectOptionAsync("#milestoneId", milestone);
        var before = await api.EventCount();
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "text");
        Assert.Equal(milestone, await tab.InputValueAsync("#milestoneId"));
        Assert.Equal(before, await api.EventCount());
        await CheckedAtBothWidths(tab, "form-comment-errors", lang);
        await tab.FillAsync("#text", WorkspaceBrowserApi.GeorgianTitle);
        Assert.Equal(303, await PostWithKeyboard(tab));
        Assert.EndsWith($"{comments}?posted=1", tab.Url);
        Assert.Contains(WorkspaceBrowserApi.GeorgianTitle, await tab.InnerTextAsync(".comments"));
        var thread = (await (await api.Anonymous().GetAsync($"/api/commitments/{commitment}/comments")).Expect(HttpStatusCode.OK)).AsArray();
        var posted = thread.Single()!;
        Assert.Equal(milestone, posted["milestoneId"]!.GetValue<string>());
        Assert.Equal(WorkspaceBrowserApi.CsoOrganisation, posted["authorOrganisation"]!.GetValue<string>());
        var reply = $"{comments}/{posted["id"]!.GetValue<string>()}/reply";

        // The monitor's own reply in the thread, with the keyboard alone.
        await tab.ClickAsync($"a[href='{reply}']");
        await CheckedAtBothWidths(tab, "form-reply", lang);
        await KeyboardReachesEveryField(tab);
        await tab.Locator("h1").FocusAsync();
        await TabTo(tab, "#text");
        await tab.Keyboard.TypeAsync(WorkspaceBrowserApi.GeorgianRegions);
        await TabTo(tab, "form.form button[type=submit]");
        await tab.RunAndWaitForResponseAsync(() => tab.Keyboard.PressAsync("Enter"), r => r.Request.Method == "POST" && r.Status == 303);
        await tab.WaitForURLAsync($"**{comments}?posted=1");
        Assert.Contains(WorkspaceBrowserApi.GeorgianRegions, await tab.InnerTextAsync(".comments--replies"));

        // The official answers, as the government: first empty, then from the seed.
        await using var government = await api.NewContext(lang);
        var official = await government.NewPageAsync();
        await SignIn(official, poc);
        await official.ClickAsync($"a[href='{comments}']");
        await official.ClickAsync($"a[href='{reply}']");
        Assert.Equal(400, await Post(official));
        await ErrorBeside(official, "text");
        await CheckedAtBothWidths(official, "form-reply-errors", lang);
        const string answer = "პორტალი ორ რეგიონში მუშაობს";
        await official.FillAsync("#text", answer);
        Assert.Equal(303, await PostWithKeyboard(official, " "));
        var replies = (await (await api.Anonymous().GetAsync($"/api/commitments/{commitment}/comments")).Expect(HttpStatusCode.OK))[0]!["replies"]!.AsArray();
        Assert.Equal(2, replies.Count);
        // Both replies carry the same instant (the test clock), so their order is not what is checked.
        var byText = replies.ToDictionary(r => r!["text"]!.GetValue<string>(), r => r!["official"]!.GetValue<bool>());
        Assert.True(byText[answer]);
        Assert.False(byText[WorkspaceBrowserApi.GeorgianRegions]);
        Assert.Contains(T("Dialogue.Official", lang), await official.InnerTextAsync(".comments--replies"));
        await CheckedAtBothWidths(official, "form-comment-thread", lang);
    }

    [Fact]
    public async Task Over_its_comment_budget_a_monitor_sees_the_429_beside_the_text_and_nothing_is_written()
    {
        var (commitment, _) = api.Ge["flood"];
        var monitor = api.WithKey(api.Flooder);
        for (var i = 0; i < WorkspaceBrowserApi.CommentBudget; i++)
            await (await monitor.PostJson($"/api/commitments/{commitment}/comments", new { text = $"{WorkspaceBrowserApi.GeorgianRegions} {i}" })).Expect(HttpStatusCode.Created);

        await using var context = await api.NewContext("ka");
        var tab = await context.NewPageAsync();
        await SignIn(tab, api.Flooder, $"/workspace/commitments/{commitment}/comments");
        await tab.FillAsync("#text", WorkspaceBrowserApi.GeorgianTitle);
        var before = await api.EventCount();
        Assert.Equal(429, await Post(tab));
        await ErrorBeside(tab, "text");
        Assert.Contains("Retry after", await tab.InnerTextAsync("#text-error"));
        Assert.Equal(WorkspaceBrowserApi.GeorgianTitle, await tab.InputValueAsync("#text"));
        Assert.Equal(before, await api.EventCount());
        await CheckedAtBothWidths(tab, "form-comment-budget", "ka");
    }
}
