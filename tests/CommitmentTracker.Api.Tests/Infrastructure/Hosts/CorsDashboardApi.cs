using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

// HttpClient, not Alba: the browser host (BrowserApi) answers on a Kestrel socket for chromium and has no TestServer for Alba; its data goes in over that socket.
/// <summary>The API on a socket with one write origin, the dashboard's server on two ports, and one commitment.</summary>
public sealed class CorsDashboardApi : BrowserApi
{
    /// <summary>A dashboard as an integrator would write it: on load it pulls REST and GraphQL, anonymously, and renders both.</summary>
    private const string Page = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Dashboard</title></head>
        <body>
          <h1>Commitments</h1>
          <ul id="rest"></ul>
          <ul id="graphql"></ul>
          <script>
            const api = new URLSearchParams(location.search).get('api');
            const item = (list, text) => { const li = document.createElement('li'); li.textContent = text; document.getElementById(list).append(li); };
            (async () => {
              try {
                const page = await (await fetch(`${api}/api/commitments?member=GE&lang=ka`)).json();
                for (const c of page.items) item('rest', `${c.id}: ${c.title}`);
                const gql = await (await fetch(`${api}/graphql`, {
                  method: 'POST', headers: { 'Content-Type': 'application/json' },
                  body: JSON.stringify({ query: '{ members { code name(lang: "ka") } }' }),
                })).json();
                for (const m of gql.data.members) item('graphql', `${m.code}: ${m.name}`);
                document.body.dataset.state = 'done';
              } catch (e) {
                document.body.dataset.state = `failed: ${e}`;
              }
            })();
          </script>
        </body></html>
        """;

    private WebApplication? pages;

    /// <summary>The origin Cors:WriteOrigins names.</summary>
    public string WriteOrigin { get; private set; } = "";

    /// <summary>Another origin, which may read but not write.</summary>
    public string ReadOrigin { get; private set; } = "";

    public string Commitment { get; private set; } = "";

    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { ["Cors:WriteOrigins:0"] = WriteOrigin };

    public override async Task InitializeAsync()
    {
        // The dashboard's origins first: the API's allow-list names one of them.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0", "http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        pages = builder.Build();
        pages.MapGet("/dashboard.html", () => Results.Content(Page, "text/html; charset=utf-8"));
        await pages.StartAsync();
        (WriteOrigin, ReadOrigin) = (pages.Urls.First(), pages.Urls.Last());
        if (WriteOrigin == ReadOrigin) throw new InvalidOperationException("the dashboard needs two origins");

        await base.InitializeAsync();
        var admin = Admin();
        await (await admin.PostJson("/api/members", Given.Member("GE", name: "საქართველო"))).Expect(HttpStatusCode.Created);
        var plan = (await (await admin.PostJson("/api/action-plans", Given.Plan("GE", "2024-01-01", "2025-12-31"))).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var title = new Dictionary<string, string> { ["ka"] = "ღია მონაცემების პორტალი", ["en"] = "Open data portal" };
        Commitment = (await (await admin.PostJson($"/api/action-plans/{plan}/commitments", Given.Commitment(title: title))).Expect(HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    /// <summary>The dashboard from <paramref name="origin"/> in a fresh context, once its script has run.</summary>
    public async Task<IPage> Open(IBrowserContext context, string origin)
    {
        var tab = await context.NewPageAsync();
        await tab.GotoAsync($"{origin}/dashboard.html?api={Uri.EscapeDataString(BaseUrl.ToString().TrimEnd('/'))}");
        await tab.WaitForSelectorAsync("body[data-state]");
        return tab;
    }

    public override async ValueTask DisposeAsync()
    {
        if (pages is not null) await pages.DisposeAsync();
        await base.DisposeAsync();
    }
}
