using CommitmentTracker.Api.Tests.Infrastructure;
using static CommitmentTracker.Api.Tests.Site.SiteBrowserTests;
using static CommitmentTracker.Api.Tests.Site.Workspace.WorkspaceTabs;

namespace CommitmentTracker.Api.Tests.Site.Workspace;

/// <summary>
/// Sign-in through the provider in real chromium: the sign-in page's provider link, the provider's own page
/// (authorization code with PKCE), back in the workspace with the role's home; signing out ends the session.
/// </summary>
public sealed class OidcBrowserTests(OidcBrowserApi api) : IClassFixture<OidcBrowserApi>
{
    [Theory]
    [InlineData("en")]
    [InlineData("ka")]
    public async Task An_official_signs_in_at_the_provider_lands_on_the_PoC_home_and_signs_out(string lang)
    {
        api.Provider.Person = ("ketevan-" + lang, "poc", ["GE"], "Ministry of Justice", "ქეთევან ნოზაძე");
        await using var context = await api.NewContext(lang);
        var tab = await context.NewPageAsync();
        await tab.GotoAsync("/workspace");
        Assert.Equal("/signin", new Uri(tab.Url).AbsolutePath);
        var provider = tab.Locator("a[href^='/signin/oidc']");
        Assert.Equal(T("SignIn.Provider", lang), (await provider.InnerTextAsync()).Trim());
        await Checked(tab, "signin-oidc", lang);

        await provider.ClickAsync();
        await tab.WaitForURLAsync(api.Provider.Issuer + "/connect/authorize**");
        var authorize = new Uri(tab.Url).Query;
        Assert.Contains("code_challenge_method=S256", authorize);
        Assert.Contains("response_type=code", authorize);
        await tab.FillAsync("#username", "ketevan-" + lang);
        await tab.ClickAsync("button[type=submit]");

        await tab.WaitForURLAsync(u => u.StartsWith(api.BaseUrl.ToString(), StringComparison.Ordinal) && new Uri(u).AbsolutePath == "/workspace");
        Assert.Contains(T("Work.MyCommitments", lang), await tab.InnerTextAsync("main"));
        Assert.Contains("ქეთევან ნოზაძე", await tab.InnerTextAsync(".workspace-bar"));
        Assert.Contains(T("Role.poc", lang), await tab.InnerTextAsync(".workspace-bar"));
        var session = (await context.CookiesAsync()).Single(c => c.Name == "ct_session");
        Assert.True(session.HttpOnly);
        await Checked(tab, "workspace-oidc", lang);

        await tab.ClickAsync(".workspace-bar button[type=submit]");
        await tab.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "ct_session");
        await tab.GotoAsync("/workspace");
        Assert.Equal("/signin", new Uri(tab.Url).AbsolutePath);
    }
}
