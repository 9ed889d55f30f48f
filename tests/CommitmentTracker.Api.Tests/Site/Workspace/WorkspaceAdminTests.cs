using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitmentTracker.Api.Tests.Site.SiteBrowserTests;
using static CommitmentTracker.Api.Tests.Site.Workspace.WorkspaceTabs;

namespace CommitmentTracker.Api.Tests.Site.Workspace;

// HttpClient, not Alba: what the browser wrote is read back over BrowserApi's Kestrel socket, which has no TestServer for Alba.
/// <summary>
/// The admin's journey in real chromium, in English and in Georgian: register a member, rename it and set its status;
/// issue a key (its secret shown once: not after a reload, nor going back, nor in any log line), sign in with it, revoke
/// it (its session ends at once); hide a comment and show it again. Every form first sent wrong, then right, each state
/// checked with axe and kept as a screenshot at 1280 and 390 px.
/// </summary>
[Collection(WorkspaceBrowserCollection.Name)]
public sealed class WorkspaceAdminTests(WorkspaceBrowserApi api)
{
    [Theory]
    [InlineData("en", "GE-BAT")]
    [InlineData("ka", "GE-KUT")]
    public async Task Admin_registers_renames_and_sets_the_status_of_a_member(string lang, string code)
    {
        await using var context = await api.NewContext(lang);
        var tab = await context.NewPageAsync();
        await SignIn(tab, ApiFactory.AdminKey);
        Assert.Contains(T("Admin.Title", lang), await tab.InnerTextAsync("main"));
        await tab.ClickAsync("a[href='/workspace/members']");
        await CheckedAtBothWidths(tab, "admin-members", lang);
        await KeyboardReachesEveryField(tab);

        // A national code for a local member and no name: both named beside their fields, the region kept.
        await tab.FillAsync("#code", "GE");
        await tab.SelectOptionAsync("#kind", "Local");
        await tab.FillAsync("#region", "Europe");
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "code");
        await ErrorBeside(tab, "name");
        Assert.Equal("Europe", await tab.InputValueAsync("#region"));
        await CheckedAtBothWidths(tab, "admin-members-errors", lang);
        await tab.FillAsync("#code", code.ToLowerInvariant());
        await tab.FillAsync("#name", "ბათუმი");
        await tab.SelectOptionAsync("#defaultLanguage", "ka");
        Assert.Equal(303, await PostWithKeyboard(tab));
        Assert.Contains(T("Work.Saved", lang, code), await tab.InnerTextAsync("[role=status]"));
        var member = await (await api.Admin().GetAsync($"/api/members/{code}")).Expect(HttpStatusCode.OK);
        Assert.Equal("ბათუმი", member["nameTranslations"]!["ka"]!.GetValue<string>());

        // Rename: the same name is a rule of the decider, shown beside the name; then a new one, with a reason from the seed.
        await tab.ClickAsync($"a[href='/workspace/members/{code}/rename']");
        await CheckedAtBothWidths(tab, "admin-rename", lang);
        await KeyboardReachesEveryField(tab);
        await tab.SelectOptionAsync("#lang", "ka");
        await tab.FillAsync("#name", "ბათუმი");
        await tab.FillAsync("#reason", WorkspaceBrowserApi.GeorgianRegions);
        Assert.Equal(409, await Post(tab));
        await ErrorBeside(tab, "name");
        Assert.Equal(WorkspaceBrowserApi.GeorgianRegions, await tab.InputValueAsync("#reason"));
        await CheckedAtBothWidths(tab, "admin-rename-errors", lang);
        await tab.FillAsync("#name", "ბათუმის მუნიციპალიტეტი");
        Assert.Equal(303, await PostWithKeyboard(tab, " "));
        member = await (await api.Admin().GetAsync($"/api/members/{code}")).Expect(HttpStatusCode.OK);
        Assert.Equal("ბათუმის მუნიციპალიტეტი", member["nameTranslations"]!["ka"]!.GetValue<string>());

        // Status, with the keyboard alone: no reason first, then one.
        await tab.ClickAsync($"a[href='/workspace/members/{code}/status']");
        await CheckedAtBothWidths(tab, "admin-status", lang);
        await KeyboardReachesEveryField(tab);
        await tab.SelectOptionAsync("#status", "UnderReview");
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "reason");
        Assert.Equal("UnderReview", await tab.InputValueAsync("#status"));
        await CheckedAtBothWidths(tab, "admin-status-errors", lang);
        await tab.Locator("h1").FocusAsync();
        await TabTo(tab, "#reason");
        await tab.Keyboard.TypeAsync(WorkspaceBrowserApi.GeorgianRegions);
        await TabTo(tab, "form.form button[type=submit]");
        await tab.RunAndWaitForResponseAsync(() => tab.Keyboard.PressAsync("Enter"), r => r.Request.Method == "POST" && r.Status == 303);
        await tab.WaitForURLAsync("**/workspace/members?saved=**");
        member = await (await api.Admin().GetAsync($"/api/members/{code}")).Expect(HttpStatusCode.OK);
        Assert.Equal("UnderReview", member["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ka")]
    public async Task Admin_issues_a_key_whose_secret_shows_once_and_revoking_it_ends_its_session(string lang)
    {
        await using var context = await api.NewContext(lang);
        var tab = await context.NewPageAsync();
        await SignIn(tab, ApiFactory.AdminKey);
        await tab.ClickAsync("a[href='/workspace/keys']");
        await CheckedAtBothWidths(tab, "admin-keys", lang);
        await KeyboardReachesEveryField(tab);

        // A PoC key without members, then with one not registered.
        await tab.FillAsync("#name", $"Eka Kobakhidze ({lang})");
        await tab.SelectOptionAsync("#role", "poc");
        await tab.FillAsync("#organisation", "Ministry of Finance");
        var before = await api.Footprint();
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "members");
        Assert.Equal("Ministry of Finance", await tab.InputValueAsync("#organisation"));
        await CheckedAtBothWidths(tab, "admin-keys-errors", lang);
        await tab.FillAsync("#members", "GE, XX");
        Assert.Equal(400, await Post(tab));
        Assert.Contains("XX", await tab.InnerTextAsync("#members-error"));
        Assert.Equal(before, await api.Footprint());
        // A name holding an email address: it would be published beside every write.
        await tab.FillAsync("#members", "ge");
        await tab.FillAsync("#name", "eka.kobakhidze@mof.gov.ge");
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "name");
        Assert.Equal("ge", await tab.InputValueAsync("#members"));
        Assert.Equal(before, await api.Footprint());
        await tab.FillAsync("#name", $"Eka Kobakhidze ({lang})");
        Assert.Equal(303, await PostWithKeyboard(tab));

        // The secret, this once.
        Assert.EndsWith("/workspace/keys/issued", tab.Url);
        var secret = (await tab.InnerTextAsync("#secret")).Trim();
        Assert.StartsWith("ct_", secret);
        await CheckedAtBothWidths(tab, "admin-key-issued", lang);
        Assert.DoesNotContain(secret, string.Join("\n", (await context.CookiesAsync()).Select(c => c.Value)));
        // Going back to it (the page is no-store, so the browser asks again) and reloading it find the secret gone.
        await tab.ClickAsync("main p > a[href='/workspace/keys']");
        Assert.DoesNotContain(secret, await tab.ContentAsync());
        await tab.GoBackAsync();
        Assert.EndsWith("/workspace/keys/issued", tab.Url);
        Assert.Equal(0, await tab.Locator("#secret").CountAsync());
        Assert.DoesNotContain(secret, await tab.ContentAsync());
        Assert.Contains(T("Admin.SecretGone", lang), await tab.InnerTextAsync("main"));
        await tab.ReloadAsync();
        Assert.DoesNotContain(secret, await tab.ContentAsync());
        await CheckedAtBothWidths(tab, "admin-key-gone", lang);
        Assert.NotEmpty(api.Logs.Lines);
        Assert.DoesNotContain(api.Logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));

        // The new key works, in a session of its own; revoked from the browser, that session ends at once.
        await using var other = await api.NewContext(lang);
        var official = await other.NewPageAsync();
        await SignIn(official, secret);
        Assert.Contains(T("Work.MyCommitments", lang), await official.InnerTextAsync("main h2"));
        var keyId = (await (await api.Admin().GetAsync("/api/api-keys")).Expect(HttpStatusCode.OK)).AsArray()
            .Single(k => k!["name"]!.GetValue<string>() == $"Eka Kobakhidze ({lang})")!["keyId"]!.GetValue<string>();
        await tab.GotoAsync("/workspace/keys");
        await tab.ClickAsync($"a[href='/workspace/keys/{keyId}/revoke']");
        await CheckedAtBothWidths(tab, "admin-revoke", lang);
        await TabTo(tab, "form.form button[type=submit]");
        await tab.RunAndWaitForResponseAsync(() => tab.Keyboard.PressAsync(" "), r => r.Request.Method == "POST" && r.Status == 303);
        await tab.WaitForURLAsync("**/workspace/keys?revoked=**");
        Assert.Contains(keyId, await tab.InnerTextAsync("[role=status]"));
        var keys = await (await api.Admin().GetAsync("/api/api-keys")).Expect(HttpStatusCode.OK);
        Assert.NotNull(keys.AsArray().Single(k => k!["keyId"]!.GetValue<string>() == keyId)!["revokedAt"]);
        await official.GotoAsync("/workspace");
        Assert.Equal("/signin", new Uri(official.Url).AbsolutePath);
        await (await api.WithKey(secret).PostJson("/api/members", Given.Member("AZ"))).Expect(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ka")]
    public async Task Admin_hides_a_comment_with_a_reason_and_shows_it_again(string lang)
    {
        var (commitment, _) = api.Ge["moderation-" + lang];
        var comment = api.ToModerate[lang];
        var form = $"/workspace/moderation/{commitment}/{comment}";
        await using var context = await api.NewContext(lang);
        var tab = await context.NewPageAsync();
        await SignIn(tab, ApiFactory.AdminKey);
        await tab.ClickAsync("a[href='/workspace/moderation']");
        Assert.Contains(WorkspaceBrowserApi.GeorgianRegions, await tab.InnerTextAsync("main"));
        await CheckedAtBothWidths(tab, "admin-moderation", lang);

        await tab.ClickAsync($"a[href='{form}']");
        await CheckedAtBothWidths(tab, "admin-hide", lang);
        await KeyboardReachesEveryField(tab);
        var before = await api.EventCount();
        Assert.Equal(400, await Post(tab));
        await ErrorBeside(tab, "reason");
        Assert.Equal(before, await api.EventCount());
        await CheckedAtBothWidths(tab, "admin-hide-errors", lang);
        await tab.FillAsync("#reason", "Off topic");
        Assert.Equal(303, await PostWithKeyboard(tab));
        var read = await (await api.Anonymous().GetAsync($"/api/commitments/{commitment}/comments/{comment}")).Expect(HttpStatusCode.OK);
        Assert.True(read["hidden"]!.GetValue<bool>());
        Assert.Equal("Off topic", read["hiddenReason"]!.GetValue<string>());
        Assert.Contains(T("Dialogue.Hidden", lang, "Off topic"), await tab.InnerTextAsync("main"));

        await tab.ClickAsync($"a[href='{form}']");
        Assert.Equal(T("Admin.Restore", lang), (await tab.InnerTextAsync("form.form button[type=submit]")).Trim());
        await tab.FillAsync("#reason", "ეს კომენტარი თემას ეხება");
        Assert.Equal(303, await PostWithKeyboard(tab, " "));
        read = await (await api.Anonymous().GetAsync($"/api/commitments/{commitment}/comments/{comment}")).Expect(HttpStatusCode.OK);
        Assert.False(read["hidden"]!.GetValue<bool>());
        Assert.Equal(WorkspaceBrowserApi.GeorgianRegions, read["text"]!.GetValue<string>());
    }
}
