using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>
/// The host variant for tests in a real browser: the same app on a real Kestrel socket (loopback, a free port), since
/// chromium cannot reach a TestServer (nor can Alba, which drives TestServer only), plus one headless chromium for all
/// of the fixture's tests. The browser is Debian's (<c>CHROMIUM_PATH</c>, else /usr/bin/chromium) through
/// Playwright's ExecutablePath: Playwright's own browser download cannot run on the build machines.
/// </summary>
public class BrowserApi : ApiFactory
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    // Loopback and a port the system picks: UseKestrel(0) alone falls back to Kestrel's default 5000, which a second
    // host (or anything else on the machine) may hold.
    public BrowserApi() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("the fixture has not started");

    public static string ChromiumPath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } set ? set : "/usr/bin/chromium";
            return File.Exists(path) ? path
                : throw new FileNotFoundException($"No chromium at {path}: apt-get install chromium (.ci/run does), or set CHROMIUM_PATH.");
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machines run tests as root, where chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>Kestrel, not Alba's TestServer: this host answers on a socket.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = builder.Build();
        host.Start();
        return host;
    }

    /// <summary>
    /// A fresh browser context (its own cookies) at this width, in this language (Accept-Language), with script on or
    /// off; <paramref name="bypassCsp"/> for a test that must see what the markup alone would do. Dispose it when done.
    /// </summary>
    public async Task<IBrowserContext> NewContext(string language = "en", int width = 1280, bool javaScript = true, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            Locale = language,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            JavaScriptEnabled = javaScript,
            BypassCSP = bypassCsp,
        });
        // The browser tests share 2 cores with the rest of the suite: one step of the longest form test once took over
        // Playwright's default 30 s there. A hang still fails, after a minute.
        context.SetDefaultTimeout(60_000);
        return context;
    }

    public override async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
