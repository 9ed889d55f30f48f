using CommitmentTracker.Api.Tests.Site;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CommitmentTracker.Api.Tests.Site.Workspace;

/// <summary>What the workspace's browser tests do in a tab: sign in, post a form and read its status, check it with axe, the keyboard and a screenshot.</summary>
public static class WorkspaceTabs
{
    /// <summary>Signs in on the sign-in page with the keyboard alone: Tab to the key field, type, Enter.</summary>
    public static async Task SignIn(IPage tab, string key, string returnUrl = "/workspace")
    {
        await tab.GotoAsync("/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await TabTo(tab, "#apiKey");
        await tab.Keyboard.TypeAsync(key);
        await tab.Keyboard.PressAsync("Enter");
        await tab.WaitForURLAsync("**" + returnUrl);
    }

    /// <summary>Submits the page's form (not the sign-out button) and returns the status of the post itself (303 when it landed).</summary>
    public static async Task<int> Post(IPage tab)
    {
        var response = await tab.RunAndWaitForResponseAsync(() => tab.ClickAsync("form.form button[type=submit]"), r => r.Request.Method == "POST");
        await tab.WaitForLoadStateAsync(LoadState.Load);
        return response.Status;
    }

    /// <summary>Submits the page's form from the keyboard alone: Tab from the heading to its submit button, then Enter (or Space); returns the post's status.</summary>
    public static async Task<int> PostWithKeyboard(IPage tab, string key = "Enter")
    {
        await tab.Locator("h1").FocusAsync();
        await TabTo(tab, "form.form button[type=submit]");
        var form = tab.Url;
        var response = await tab.RunAndWaitForResponseAsync(() => tab.Keyboard.PressAsync(key), r => r.Request.Method == "POST");
        // A 303 is followed by a GET of another address: wait for it, not just for the form's page to be loaded.
        if (response.Status == 303) await tab.WaitForURLAsync(u => u != form);
        await tab.WaitForLoadStateAsync(LoadState.Load);
        return response.Status;
    }

    /// <summary>axe finds no critical or serious violation, the page has one h1, and a screenshot is kept as <c>{name}-{lang}-{width}.png</c>.</summary>
    public static async Task Checked(IPage tab, string name, string lang, int width = 1280)
    {
        var axe = await tab.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "critical" or "serious")
            .Select(v => $"{v.Id} ({v.Impact}): {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}").ToList();
        Assert.True(serious.Count == 0, $"{name} ({lang}):\n" + string.Join("\n", serious));
        Assert.Equal(1, await tab.Locator("h1").CountAsync());
        await SiteBrowserTests.Shoot(tab, name, lang, width);
    }

    /// <summary>As <see cref="Checked"/>, then again at 390 px: axe, no sideways scrolling, and <c>{name}-{lang}-390.png</c>.</summary>
    public static async Task CheckedAtBothWidths(IPage tab, string name, string lang)
    {
        await Checked(tab, name, lang);
        await tab.SetViewportSizeAsync(390, 844);
        try
        {
            var overflow = await tab.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{name} ({lang}) scrolls sideways by {overflow}px at 390px");
            await Checked(tab, name, lang, 390);
        }
        finally { await tab.SetViewportSizeAsync(1280, 900); }
    }

    /// <summary>Every field of the form and its submit button take focus, in order, from Tab alone.</summary>
    public static async Task KeyboardReachesEveryField(IPage tab)
    {
        var fields = await tab.EvalOnSelectorAllAsync<string[]>("form.form input:not([type=hidden]), form.form select, form.form textarea", "els => els.map(e => e.id)");
        Assert.NotEmpty(fields);
        await tab.Locator("h1").FocusAsync();
        var seen = new List<string>();
        for (var i = 0; i < 60 && !await tab.EvaluateAsync<bool>("document.activeElement?.matches('form.form button[type=submit]') ?? false"); i++)
        {
            await tab.Keyboard.PressAsync("Tab");
            if (await tab.EvaluateAsync<string?>("document.activeElement?.id || null") is { } id && fields.Contains(id) && !seen.Contains(id)) seen.Add(id);
        }
        Assert.True(await tab.EvaluateAsync<bool>("document.activeElement?.matches('form.form button[type=submit]') ?? false"), "the submit button cannot be reached with Tab");
        Assert.Equal(fields, seen);
    }

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has focus; fails after 80 presses.</summary>
    public static async Task TabTo(IPage tab, string selector)
    {
        for (var i = 0; i < 80; i++)
        {
            await tab.Keyboard.PressAsync("Tab");
            if (await tab.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return;
        }
        throw new Xunit.Sdk.XunitException($"{selector} cannot be reached with Tab");
    }

    /// <summary>The message beside a field: shown, inside the field's own box, and named by the field's aria-describedby.</summary>
    public static async Task ErrorBeside(IPage tab, string id)
    {
        Assert.True(await tab.Locator($".field:has(#{id}) #{id}-error").IsVisibleAsync(), $"no message beside #{id}");
        Assert.Contains($"{id}-error", await tab.GetAttributeAsync($"#{id}", "aria-describedby") ?? "");
    }
}
