using Microsoft.Playwright;
using static CommitmentTracker.Api.Tests.Site.SiteBrowserTests;
using static CommitmentTracker.Api.Tests.Site.Workspace.WorkspaceTabs;

namespace CommitmentTracker.Api.Tests.Site;

/// <summary>The site in real chromium: used with the keyboard alone, fed hostile text, and given bad input.</summary>
[Collection(SiteBrowserCollection.Name)]
public sealed class SiteInteractionTests(SiteBrowserApi api)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ka")]
    public async Task Language_switcher_search_and_as_of_work_from_the_keyboard(string lang)
    {
        await using var context = await api.NewContext(lang);
        var tab = await context.NewPageAsync();
        await tab.GotoAsync($"/commitments/{api.Commitment}");

        // As of: Tab to the date field, give a date, Enter submits the form.
        await TabTo(tab, "#asOf");
        await tab.Keyboard.TypeAsync("06012024"); // chromium's date field takes month, day, year here in both languages
        Assert.Equal("2024-06-01", await tab.InputValueAsync("#asOf"));
        await tab.Keyboard.PressAsync("Enter");
        await tab.WaitForURLAsync("**asOf=2024-06-01**");
        Assert.Contains(T("AsOf.Showing", lang).Split("{0}")[0].Trim(), await tab.InnerTextAsync(".asof [role=status]"));

        // Search: Tab to the header's link, Enter, Tab to the words field, type, Enter.
        await TabTo(tab, "header a[href='/search']");
        await tab.Keyboard.PressAsync("Enter");
        await tab.WaitForURLAsync("**/search");
        await TabTo(tab, "#q");
        await tab.Keyboard.TypeAsync(lang == "ka" ? "ადმინისტრირების" : "monitor");
        await tab.Keyboard.PressAsync("Enter");
        await tab.WaitForURLAsync("**/search?q=**");
        Assert.Contains(T("Search.Count", lang, 1), await tab.InnerTextAsync(".result-count"));
        Assert.True(await tab.Locator($"a[href='/commitments/{api.Commitment}']").CountAsync() > 0);

        // The language switcher: Tab to it, pick Armenian with the arrow keys, Tab to its button, Enter.
        await TabTo(tab, "#lang-switch");
        while (await tab.InputValueAsync("#lang-switch") != "hy") await tab.Keyboard.PressAsync("ArrowDown");
        await tab.Keyboard.PressAsync("Tab");
        Assert.Equal("submit", await tab.EvaluateAsync<string>("document.activeElement.type"));
        await tab.Keyboard.PressAsync("Enter");
        // Not WaitForFunction: its polling evaluates the string with eval, which the page's CSP refuses when the first check is false.
        await tab.Locator("html[lang=hy]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Contains(T("Search.Title", "hy"), await tab.InnerTextAsync("h1"));
        Assert.Contains("/search?q=", tab.Url); // back on the same page, query kept
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ka")]
    [InlineData("hy")]
    public async Task Hostile_titles_notes_and_links_render_inert(string lang)
    {
        // Content-Security-Policy off: the markup itself must carry no script, not just the header stopping it.
        await using var context = await api.NewContext(lang, bypassCsp: true);
        var dialogs = new List<string>();
        foreach (var path in new[] { $"/commitments/{api.Hostile}", $"/embed/commitments/{api.Hostile}", "/search?q=" + Uri.EscapeDataString("Թափանցիկություն"), "/" })
        {
            var tab = await context.NewPageAsync();
            tab.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
            Assert.Equal(200, (await tab.GotoAsync(path))!.Status);
            Assert.Null(await tab.EvaluateAsync<string?>("window.__xss ?? null"));
            Assert.Equal(0, await tab.Locator("script, [onerror], [onload], iframe, object").CountAsync());
            var hrefs = await tab.EvalOnSelectorAllAsync<string[]>("[href], [src], [action]", "els => els.map(e => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action'))");
            Assert.All(hrefs, h => Assert.True(h.StartsWith('/') || h.StartsWith('#') || h.StartsWith("http://") || h.StartsWith("https://"), $"{path}: {h}"));
            if (!path.StartsWith("/search") && path != "/") Assert.Contains("<script>", await tab.InnerTextAsync("body")); // shown as the text it is
            await tab.CloseAsync();
        }
        Assert.Empty(dialogs);

        var page = await context.NewPageAsync();
        await page.GotoAsync($"/commitments/{api.Hostile}");
        var evidence = (await page.EvalOnSelectorAllAsync<string[]>(".evidence a", "as => as.map(a => a.href)")).Distinct().ToArray();
        Assert.Single(evidence);
        Assert.StartsWith("https://example.org/ok.pdf?x=%22%3E%3Cscript%3E", evidence[0]); // the address, encoded, stays one attribute
        Assert.Contains("javascript:", await page.InnerTextAsync("main")); // the description's link is text, not a link
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ka")]
    public async Task Bad_filters_and_dates_re_render_with_a_message_beside_the_field(string lang)
    {
        await using var context = await api.NewContext(lang);
        var tab = await context.NewPageAsync();
        foreach (var (path, field, message) in new[]
        {
            ($"/commitments/{api.Commitment}?asOf=2024-13-45", "asOf", "AsOf.Invalid"),
            ($"/commitments/{api.Commitment}?asOf=2001-01-01", "asOf", "AsOf.BeforeStart"),
            ("/search?q=x&policyArea=Sports", "policyArea", "Field.UnknownValue"),
            ($"/action-plans/{api.GeorgianPlan}?completion=Nearly", "completion", "Field.UnknownValue"),
            ("/dashboard?policyArea=%3Cscript%3E", "policyArea", "Field.UnknownValue"),
        })
        {
            Assert.Equal(200, (await tab.GotoAsync(path))!.Status);
            var error = tab.Locator($"#{field}-error");
            Assert.True(await error.IsVisibleAsync(), $"{path}: no message beside {field}");
            Assert.Contains(T(message, lang), await error.InnerTextAsync());
            Assert.Contains($"{field}-error", await tab.GetAttributeAsync($"#{field}", "aria-describedby") ?? "");
            // Beside the field: inside the same .field box as the input.
            Assert.Equal(1, await tab.Locator($".field:has(#{field}) #{field}-error").CountAsync());
        }
        Assert.Equal(404, (await tab.GotoAsync("/action-plans/GE-AP99"))!.Status);
        Assert.Contains(T("NotFound.Title", lang), await tab.InnerTextAsync("h1"));
    }
}
