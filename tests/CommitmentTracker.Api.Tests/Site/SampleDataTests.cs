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
        string discussed, viewed;
        await using (var session = api.Store.QuerySession())
        {
            string[] expected = ["commitment_completion_changed", "cso_assessment_filed", "irm_design_assessed", "irm_results_assessed",
                "action_plan_moved", "comment_posted", "assessment_answered", "cso_milestone_assessed"];
            var kinds = await session.QueryAsync<string>($"select distinct type from {api.Schema}.mt_events where type in ({string.Join(", ", expected.Select(t => $"'{t}'"))})");
            Assert.Equal(expected.Order(), kinds.Order());
            // The dialogue: a thread the government answered, beside its answer to a CSO; and a CSO's view of a milestone.
            discussed = (await session.QueryAsync<string>(
                $"""
                select c.data ->> 'CommitmentId' from {api.Schema}.mt_doc_comment c
                join {api.Schema}.mt_doc_assessmentresponses r on r.data ->> 'CommitmentId' = c.data ->> 'CommitmentId'
                where c.data ->> 'ParentId' is not null and (c.data ->> 'Official')::boolean and c.id like 'GE%' order by 1 limit 1
                """)).Single();
            viewed = (await session.QueryAsync<string>(
                $"""
                select a.data ->> 'CommitmentId' from {api.Schema}.mt_doc_csomilestoneassessment a
                join {api.Schema}.mt_doc_comment c on c.data ->> 'CommitmentId' = a.data ->> 'CommitmentId' order by 1 limit 1
                """)).Single();
        }
        var thread = await (await client.GetAsync($"/commitments/{discussed}?lang=en")).Content.ReadAsStringAsync();
        Assert.Contains("comment--official", thread);
        Assert.Contains("class=\"responses\"", thread);
        Assert.Contains("<span title=\"key:generator-irm\">IRM researcher</span>", thread); // the timeline names the writer, its id on hover
        // Each event names its real writer's role: the PoC, the CSO, the IRM, not the generator for all.
        var history = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync($"/api/commitments/{discussed}/history"))!.AsArray()
            .ToLookup(h => h!["type"]!.GetValue<string>(), h => h!["role"]!.GetValue<string>());
        Assert.All(history["milestone_added"].Concat(history["assessment_answered"]), role => Assert.Equal("poc", role));
        Assert.All(history["cso_assessment_filed"], role => Assert.Equal("cso", role));
        Assert.NotEmpty(history["cso_assessment_filed"]);
        Assert.All(history["irm_design_assessed"].Concat(history["irm_results_assessed"]), role => Assert.Equal("irm", role));
        var milestones = await (await client.GetAsync($"/commitments/{viewed}?lang=en")).Content.ReadAsStringAsync();
        Assert.Contains(SiteBrowserTests.T("Dialogue.CsoOnMilestone", "en"), milestones);

        foreach (var (page, path, lang, width) in new[]
        {
            ("home", "/", "en", 1280), ("commitment", $"/commitments/{discussed}", "ka", 1280), ("commitment", $"/commitments/{viewed}", "en", 1280),
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
