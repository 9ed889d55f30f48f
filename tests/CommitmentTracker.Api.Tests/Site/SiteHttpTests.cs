using System.Globalization;
using System.Net;
using System.Resources;
using System.Xml.Linq;
using CommitmentTracker.Api.Tests.Infrastructure;
using CommitmentTracker.Site;

namespace CommitmentTracker.Api.Tests.Site;

/// <summary>The public site through the real pipeline: languages, headers, not-found, bad input and conditional GETs.</summary>
public sealed class SiteHttpTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public void Every_ui_string_is_translated_into_all_six_languages()
    {
        var neutral = XDocument.Load(Path.Combine(SourceDir(), "SiteText.resx")).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToList();
        Assert.True(neutral.Count > 100);
        var resources = new ResourceManager("CommitmentTracker.Site.Resources.SiteText", typeof(SiteSetup).Assembly);
        var missing = new List<string>();
        foreach (var lang in SiteLanguages.Tags.Where(t => t != "en"))
        {
            var set = resources.GetResourceSet(new CultureInfo(lang), createIfNotExists: true, tryParents: false)
                      ?? throw new Xunit.Sdk.XunitException($"no resources for {lang}");
            foreach (var key in neutral)
                if (string.IsNullOrWhiteSpace(set.GetString(key))) missing.Add($"{lang}:{key}");
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_event_the_store_knows_has_a_name_in_the_timeline()
    {
        var names = XDocument.Load(Path.Combine(SourceDir(), "SiteText.resx")).Root!.Elements("data")
            .Select(d => d.Attribute("name")!.Value).Where(n => n.StartsWith("Event.", StringComparison.Ordinal)).ToHashSet();
        var types = CommitmentTracker.Infrastructure.Marten.DomainEvents.TypeNames;
        Assert.True(types.Count > 25, $"only {types.Count} event types known");
        Assert.Equal([], types.Where(t => !names.Contains($"Event.{t}")).Order());
    }

    [Fact]
    public async Task Home_speaks_the_language_asked_for_with_strict_headers()
    {
        var client = api.As(Caller.Anonymous);
        var ka = await client.Get("/?lang=ka");
        var html = await ka.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ka.StatusCode);
        Assert.Contains("<html lang=\"ka\">", html);
        Assert.Contains("ყველა ვალდებულება ღიად", html); // Georgian as text, not entities
        Assert.DoesNotContain("&#x10", html);
        var csp = ka.Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain("unsafe", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'none'", csp); // and no script-src: no script runs at all
        Assert.Equal("nosniff", ka.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", ka.Headers.GetValues("X-Frame-Options").Single());

        // A fresh client: the first one keeps the ?lang=ka choice in its cookie.
        var en = await api.As(Caller.Anonymous).Send(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { { "Accept-Language", "en-GB,en;q=0.8" } } });
        Assert.Contains("Every commitment, in the open", await en.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Latest_changes_name_each_page_once_with_its_newest_change()
    {
        var busy = await api.MadeCommitment("UA");
        var added = await (await api.As(Caller.Admin).Post($"/api/commitments/{busy}/milestones", Given.Milestone())).Expect(HttpStatusCode.Created);
        var milestone = added["milestones"]![0]!["id"]!.GetValue<string>();
        foreach (var percent in new[] { 10, 20, 30, 40, 50, 60, 70, 80, 90 })
            await (await api.As(Caller.Admin).Post($"/api/commitments/{busy}/milestones/{milestone}/progress", new { percent })).Expect(HttpStatusCode.OK);

        var html = await (await api.As(Caller.Anonymous).Get("/?lang=en")).Content.ReadAsStringAsync();
        var changes = html[html.IndexOf("<ul class=\"changes\">", StringComparison.Ordinal)..];
        changes = changes[..changes.IndexOf("</ul>", StringComparison.Ordinal)];
        var links = System.Text.RegularExpressions.Regex.Matches(changes, "<a href=\"([^\"]+)\">([^<]+)</a>").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal(links.Distinct().Count(), links.Count);
        Assert.Equal(($"/commitments/{busy}", busy), links[0]); // the newest change, once, though it was ten events in a row
        Assert.Contains(links, l => l.Item1.StartsWith("/action-plans/UA-AP", StringComparison.Ordinal)); // older pages still listed
        Assert.Contains(links, l => l.Item1 == "/members/UA");
    }

    [Fact]
    public async Task Only_embed_cards_may_be_framed()
    {
        var embed = await api.As(Caller.Anonymous).Get("/embed/commitments/GE9999");
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
        Assert.Contains("frame-ancestors *", embed.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Unknown_addresses_are_a_not_found_page_in_the_readers_language()
    {
        var client = api.As(Caller.Anonymous);
        foreach (var path in new[] { "/commitments/GE9999?lang=ka", "/members/NOPE?lang=ka", "/no/such/page?lang=ka" })
        {
            var response = await client.Get(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("გვერდი ვერ მოიძებნა", await response.Content.ReadAsStringAsync());
        }
        var apiMissing = await client.Get("/api/no-such");
        Assert.Equal("application/problem+json", apiMissing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_bad_filter_re_renders_the_page_with_a_message_beside_the_field()
    {
        var response = await api.As(Caller.Anonymous).Get("/search?lang=en&policyArea=Sports&q=open");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"policyArea-error\"", html);
        Assert.Contains("Not a value this list knows", html);
    }

    [Fact]
    public async Task Pages_send_an_etag_and_answer_304()
    {
        var client = api.As(Caller.Anonymous);
        var first = await client.Get("/dashboard?lang=en");
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        var again = new HttpRequestMessage(HttpMethod.Get, "/dashboard?lang=en");
        again.Headers.IfNoneMatch.Add(tag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.Send(again)).StatusCode);
    }

    private static string SourceDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CommitmentTracker.sln")))
                return Path.Combine(dir.FullName, "src", "CommitmentTracker.Api", "Site", "Resources");
        throw new DirectoryNotFoundException("the checkout");
    }
}
