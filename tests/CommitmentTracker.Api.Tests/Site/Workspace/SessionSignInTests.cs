using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Site.Workspace;

// HttpClient, not Alba: the sign-in runs in a browser of SessionHost (cookies across requests); the keys it signs in with are issued in the same session.
/// <summary>Signing in to the site with an API key: checked once, then a server-side session behind an HttpOnly cookie.</summary>
public sealed class SessionSignInTests(SessionHost api) : IClassFixture<SessionHost>
{
    [Fact]
    public async Task Key_opens_a_session_whose_cookie_is_HttpOnly_Lax_and_not_an_api_credential()
    {
        await api.RegisteredMember("GE");
        var browser = api.Browser();
        var signedIn = await browser.SignIn(await api.Key("poc", "GE"), "/workspace/commitments");

        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal("/workspace/commitments", signedIn.Headers.Location!.OriginalString);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ct_session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.DoesNotContain("secure", cookie); // plain http in the test; SameAsRequest makes it Secure over https
        Assert.Equal("poc tester", (await browser.Probe()).User);

        // The cookie alone never authorizes the API: a cross-site form posting to /api carries no key.
        var before = await api.EventCount();
        await (await browser.Client.PostJson("/api/action-plans", Given.Plan("GE"))).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await api.EventCount());
    }

    [Theory]
    [InlineData("ct_not-a-key")]
    [InlineData("")]
    public async Task Unknown_key_returns_to_the_sign_in_page_without_a_session(string key)
    {
        var browser = api.Browser();
        var response = await browser.SignIn(key, "/workspace");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/signin?failed=key", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("ct_session=", StringComparison.Ordinal));
        Assert.Null((await browser.Probe()).User);
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_refused()
    {
        var browser = api.Browser();
        var response = await browser.PostForm("/signin", new() { ["apiKey"] = ApiFactory.AdminKey }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null((await browser.Probe()).User);
    }

    [Theory]
    [InlineData("//elsewhere.example/phish")]
    [InlineData("https://elsewhere.example/")]
    [InlineData("/\\elsewhere.example")]
    public async Task Return_address_off_the_site_goes_home_instead(string returnUrl)
    {
        var response = await api.Browser().SignIn(ApiFactory.AdminKey, returnUrl);
        Assert.Equal("/workspace", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_out_ends_the_session_so_a_kept_copy_of_the_cookie_is_worthless()
    {
        var browser = api.Browser();
        var cookie = Browser.SessionCookie(await browser.SignIn(await api.Key("cso")));
        Assert.Equal("cso tester", await browser.UserWith(cookie));

        var signedOut = await browser.PostForm("/signout", []);
        Assert.Equal(HttpStatusCode.SeeOther, signedOut.StatusCode);
        Assert.Null((await browser.Probe()).User);
        Assert.Null(await browser.UserWith(cookie));
    }

    [Fact]
    public async Task Revoking_the_key_ends_its_sessions_at_once()
    {
        var issued = await (await api.Admin().PostJson("/api/api-keys", new { name = "IRM researcher", role = "irm", organisation = "IRM" })).Expect(HttpStatusCode.Created);
        var browser = api.Browser();
        var cookie = Browser.SessionCookie(await browser.SignIn(issued["secret"]!.GetValue<string>()));
        Assert.Equal("IRM researcher", await browser.UserWith(cookie));

        await (await api.Admin().DeleteAsync($"/api/api-keys/{issued["keyId"]}")).Expect(HttpStatusCode.NoContent);
        Assert.Null(await browser.UserWith(cookie));
        Assert.Null((await browser.Probe()).User);
    }
}
