using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace CommitmentTracker.Api.Tests.Infrastructure.Http;

/// <summary>
/// Issue 20's CORS in real chromium: a dashboard page served by a second server, on two other origins (two loopback
/// ports), calls the API with fetch. Any origin reads REST and GraphQL and renders them; the origin in
/// Cors:WriteOrigins writes with a key; the browser itself blocks the same write from the other origin.
/// </summary>
public sealed class CorsBrowserTests(CorsDashboardApi api) : IClassFixture<CorsDashboardApi>
{
    // HttpClient, not Alba: the browser host (BrowserApi) answers on a Kestrel socket for chromium and has no TestServer for Alba; its data goes in over that socket.
    /// <summary>A write with the admin key from the page's own script: its status, or the error fetch threw.</summary>
    private const string Write = """
        async ([api, key, code]) => {
          try {
            const r = await fetch(`${api}/api/members`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'X-Api-Key': key },
              body: JSON.stringify({ code, kind: 'National', name: { ka: 'სომხეთი', en: 'Armenia' }, region: 'Europe', defaultLanguage: 'ka' }),
            });
            return `${r.status} etag=${r.headers.get('ETag') !== null}`;
          } catch (e) {
            return `blocked: ${e.name}`;
          }
        }
        """;

    [Fact]
    public async Task A_page_on_any_origin_reads_REST_and_GraphQL_and_renders_them()
    {
        await using var context = await api.Browser.NewContextAsync();
        var tab = await api.Open(context, api.ReadOrigin);
        Assert.Equal("done", await tab.GetAttributeAsync("body", "data-state"));
        Assert.Equal($"{api.Commitment}: ღია მონაცემების პორტალი", await tab.InnerTextAsync("#rest li"));
        Assert.Contains("GE: საქართველო", await tab.Locator("#graphql li").AllInnerTextsAsync()); // the write test may add AM
    }

    [Fact]
    public async Task The_write_origin_writes_with_a_key_and_reads_the_exposed_ETag()
    {
        await using var context = await api.Browser.NewContextAsync();
        var tab = await api.Open(context, api.WriteOrigin);
        Assert.Equal("201 etag=true", await tab.EvaluateAsync<string>(Write, new object[] { api.BaseUrl.ToString().TrimEnd('/'), ApiFactory.AdminKey, "AM" }));
        await (await api.Anonymous().GetAsync("/api/members/AM")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_browser_blocks_a_write_from_an_origin_not_on_the_list_and_nothing_is_written()
    {
        await using var context = await api.Browser.NewContextAsync();
        var tab = await api.Open(context, api.ReadOrigin);
        Assert.Equal("blocked: TypeError", await tab.EvaluateAsync<string>(Write, new object[] { api.BaseUrl.ToString().TrimEnd('/'), ApiFactory.AdminKey, "UA" }));
        await (await api.Anonymous().GetAsync("/api/members/UA")).Expect(HttpStatusCode.NotFound);
    }
}
