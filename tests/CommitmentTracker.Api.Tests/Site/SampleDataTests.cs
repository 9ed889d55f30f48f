extern alias generator;
using System.Net;
using Marten;
using CommitmentTracker.Api.Tests.Infrastructure;
using GeneratorOptions = generator::CommitmentTracker.Generator.GeneratorOptions;
using Sample = generator::CommitmentTracker.Generator.Sample;

namespace CommitmentTracker.Api.Tests.Site;

// HttpClient, not Alba: the browser host (BrowserApi) answers on a Kestrel socket for chromium and has no TestServer for Alba.
/// <summary>
/// deploy/run.sh --sample: the generator's small data set fills an empty store, every page says so, and a store holding
/// data is refused. In chromium, since the README's screenshots (sample-*.png in artifacts/screenshots/) come from it.
/// </summary>
public sealed class SampleDataTests(BrowserApi api) : IClassFixture<BrowserApi>
{
    [Fact]
    public async Task Sample_data_fills_an_empty_store_marks_every_page_and_is_refused_once_there_is_data()
    {
        var options = new GeneratorOptions("sample", 0, 42, 500, 2, api.ConnectionString, api.Schema, null, Path.Combine(Repo.Root, "..", "shared", "seeds"));
        Assert.Equal(0, await api.EventCount());
        Assert.Equal(0, await new Sample(api.Store, options).RunAsync(CancellationToken.None));
        var events = await api.EventCount();
        Assert.True(events > 1000, $"only {events} events");

        var client = api.Anonymous();
        foreach (var path in new[] { "/?lang=en", "/commitments/GE0001?lang=en", "/members/AM?lang=en", "/dashboard?lang=en" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(SiteBrowserTests.T("Sample.Tag", "en"), await response.Content.ReadAsStringAsync());
        }
        // National and local members of the seed languages' countries, with all three kinds of assessment.
        var home = await (await client.GetAsync("/?lang=ka")).Content.ReadAsStringAsync();
        Assert.Contains(SiteBrowserTests.T("Sample.Tag", "ka"), home);
        Assert.Contains(">საქართველო<", home); // members by their real names: Georgia and its capital
        Assert.Contains(">თბილისი<", home);
        foreach (var member in new[] { "GE", "AM", "UA", "AZ", "KG" })
        {
            Assert.Contains($"/members/{member}\"", home);
            Assert.Contains($"/members/{member}-", home); // its local member
        }
        await using (var session = api.Store.QuerySession())
        {
            var kinds = await session.QueryAsync<string>(
                $"select distinct type from {api.Schema}.mt_events where type in ('commitment_completion_changed', 'cso_assessment_filed', 'irm_design_assessed', 'irm_results_assessed', 'action_plan_moved')");
            Assert.Equal(5, kinds.Count);
        }

        foreach (var (page, path, lang, width) in new[]
        {
            ("home", "/", "en", 1280), ("commitment", "/commitments/GE0022", "ka", 1280), ("commitment", "/commitments/AM0022", "en", 1280),
            ("dashboard", "/dashboard", "ka", 390), ("plan", "/action-plans/GE-AP10", "en", 390),
        })
        {
            await using var context = await api.NewContext(lang, width);
            var tab = await context.NewPageAsync();
            Assert.Equal(200, (await tab.GotoAsync(path))!.Status);
            Assert.Contains(SiteBrowserTests.T("Sample.Tag", lang), await tab.InnerTextAsync("[role=note]"));
            await SiteBrowserTests.Shoot(tab, $"sample-{page}", lang, width);
        }

        // A second run finds data and refuses, writing nothing.
        Assert.Equal(Sample.Refused, await new Sample(api.Store, options).RunAsync(CancellationToken.None));
        Assert.Equal(events, await api.EventCount());
    }
}
