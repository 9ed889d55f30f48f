using System.Net;
using System.Text.RegularExpressions;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Site.Workspace;

// HttpClient, not Alba: the sign-in goes through a real OIDC provider on a Kestrel socket, and the browser carries cookies across its redirects.

/// <summary>
/// Browser sign-in through the provider: authorization code with PKCE, the ID token's claims mapped as the API maps an
/// access token's, then the same server-side session as a key sign-in.
/// </summary>
public sealed class OidcSignInTests(OidcSessionHost api) : IClassFixture<OidcSessionHost>
{
    [Fact]
    public async Task Sign_in_page_offers_the_provider_beside_the_key_form()
    {
        var page = await api.Browser().Client.GetStringAsync("/signin?returnUrl=%2Fworkspace%2Fcommitments");
        Assert.Contains("href=\"/signin/oidc?returnUrl=%2Fworkspace%2Fcommitments\"", page);
        Assert.Contains("name=\"apiKey\"", page);
    }

    [Fact]
    public async Task Code_flow_with_PKCE_opens_a_session_with_the_providers_role_and_members()
    {
        api.Provider.Person = ("ketevan", "poc", ["ge", "GE-TBS"], "Ministry of Justice", "Ketevan (OIDC)");
        var browser = api.Browser();
        var callback = await ThroughProvider(browser, "/workspace/commitments");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/workspace/commitments", callback.Headers.Location!.OriginalString);
        var probed = await browser.Probe();
        Assert.Equal(("Ketevan (OIDC)", "poc"), (probed.User, probed.Role));
        Assert.Equal(["GE", "GE-TBS"], probed.Members);
        var set = callback.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ct_session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", set);
        Assert.Contains("httponly", set);

        var cookie = Browser.SessionCookie(callback);
        await browser.PostForm("/signout", []);
        Assert.Null(await browser.UserWith(cookie));
    }

    [Fact]
    public async Task A_person_without_one_of_our_roles_is_sent_back_to_sign_in_without_a_session()
    {
        api.Provider.Person = ("mayor", "mayor", [], "City hall", "Mayor");
        var browser = api.Browser();
        var callback = await ThroughProvider(browser, "/workspace");

        Assert.Equal("/signin?failed=oidc", callback.Headers.Location!.OriginalString);
        Assert.Null((await browser.Probe()).User);
    }

    [Fact]
    public async Task An_email_as_name_and_subject_is_never_published()
    {
        api.Provider.Person = ("nune.sargsyan@gov.am", "poc", ["AM"], "Ministry of Justice of Armenia", "nune.sargsyan@gov.am");
        var browser = api.Browser();
        await ThroughProvider(browser, "/workspace");

        var probed = await browser.Probe();
        Assert.Equal(("Ministry of Justice of Armenia (poc)", "poc"), (probed.User, probed.Role));
    }

    /// <summary>What a browser does: follow the challenge to the provider, then post its form_post answer back.</summary>
    private async Task<HttpResponseMessage> ThroughProvider(Browser browser, string returnUrl)
    {
        var challenge = await browser.Client.GetAsync($"/signin/oidc?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(api.Provider.Issuer + "/connect/authorize", authorize.AbsoluteUri);
        Assert.Contains("code_challenge_method=S256", authorize.Query);
        Assert.Contains("response_type=code", authorize.Query);

        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await (await provider.GetAsync(authorize)).Content.ReadAsStringAsync();
        var action = new Uri(WebUtility.HtmlDecode(Regex.Match(page, "<form[^>]*action=\"([^\"]+)\"").Groups[1].Value));
        var fields = Regex.Matches(page, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        Assert.Contains("code", fields.Keys);
        return await browser.Client.PostAsync(action.PathAndQuery, new FormUrlEncodedContent(fields));
    }
}
