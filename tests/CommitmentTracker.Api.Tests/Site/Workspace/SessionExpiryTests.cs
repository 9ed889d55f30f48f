using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Site.Workspace;

/// <summary>Sessions slide while used (30 minutes idle by default) and end after 12 hours whatever happens. Own host: it moves the clock.</summary>
public sealed class SessionExpiryTests(SessionHost api) : IClassFixture<SessionHost>
{
    [Fact]
    public async Task A_used_session_slides_an_idle_one_expires_and_none_outlives_the_absolute_limit()
    {
        var browser = api.Browser();
        await browser.SignIn(ApiFactory.AdminKey);
        for (var i = 0; i < 3; i++)
        {
            api.Clock.Advance(TimeSpan.FromMinutes(20)); // each request renews the 30-minute window
            Assert.Equal("bootstrap admin", (await browser.Probe()).User);
        }
        api.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Null((await browser.Probe()).User);

        await browser.SignIn(ApiFactory.AdminKey);
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(12) - TimeSpan.FromMinutes(20); elapsed += TimeSpan.FromMinutes(20))
        {
            api.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal("bootstrap admin", (await browser.Probe()).User);
        }
        api.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Null((await browser.Probe()).User);
    }
}
