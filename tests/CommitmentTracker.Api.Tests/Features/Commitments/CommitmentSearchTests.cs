using System.Diagnostics;
using System.Net;
using CommitmentTracker.Features.Commitments;
using CommitmentTracker.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Api.Tests.Features.Commitments;

public sealed class CommitmentSearchTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static string Line(string seed, int index) =>
        Repo.Seed(seed).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 20).ElementAt(index) is var line && line.Length > 300 ? line[..300] : line;

    private async Task<string[]> Ids(string query)
    {
        var page = await (await api.As(Caller.Anonymous).Get("/api/commitments?pageSize=200&" + query)).Expect(HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Order().ToArray();
    }

    private async Task<(string georgian, string armenian, string latin)> Seeded()
    {
        var georgian = await api.MadeCommitment("GE", Given.Commitment(title: new() { ["ka"] = Line("003_197e165c457b1a02.txt", 0) },
            policyAreas: ["AccessToInformation"], ogpValues: ["AccessToInformation"]));
        var armenian = await api.MadeCommitment("AM", Given.Commitment(title: new() { ["ka"] = "ბარემ", ["hy"] = Line("000_5fd3270c7009d1bb.txt", 0) },
            policyAreas: ["AntiCorruption"], ogpValues: ["PublicAccountability"]));
        var latin = await api.MadeCommitment("UA", Given.Commitment(title: new() { ["ka"] = "ლათინური", ["en"] = "Open contracting for 100% of tenders" },
            policyAreas: ["OpenContracting"], ogpValues: ["TechnologyAndInnovation"]));
        return (georgian, armenian, latin);
    }

    [Fact]
    public async Task Q_finds_words_in_georgian_armenian_cyrillic_and_latin()
    {
        var (georgian, armenian, latin) = await Seeded();
        var ukrainian = await api.MadeCommitment("UA", Given.Commitment(title: new() { ["ka"] = "უკრაინა", ["uk"] = Line("001_c25ae0a319e80e76.txt", 0) }));

        await Only("q=" + Uri.EscapeDataString("მონიტორი"), georgian, armenian, latin, ukrainian);           // from seed 003
        await Only("q=" + Uri.EscapeDataString("բարեվարքության"), armenian, georgian, latin, ukrainian);     // from seed 000
        await Only("q=" + Uri.EscapeDataString("доброчесність"), ukrainian, georgian, armenian, latin);     // from seed 001
        await Only("q=CONTRACTING", latin, georgian, armenian, ukrainian);
        await Only("q=" + Uri.EscapeDataString("open tenders"), latin, georgian, armenian, ukrainian);
    }

    /// <summary>The query finds <paramref name="expected"/> and none of <paramref name="others"/>.</summary>
    private async Task Only(string query, string expected, params string[] others)
    {
        var found = await Ids(query);
        Assert.Contains(expected, found);
        foreach (var other in others) Assert.DoesNotContain(other, found);
    }

    [Fact]
    public async Task A_query_word_matches_the_beginning_of_a_word_in_any_script()
    {
        var (georgian, armenian, latin) = await Seeded();
        await Only("q=contract", latin, georgian, armenian);
        await Only("q=" + Uri.EscapeDataString("მონიტ"), georgian, armenian, latin);
        Assert.DoesNotContain(latin, await Ids("q=ntracting"));
        Assert.DoesNotContain(latin, await Ids("q=contracts"));
    }

    [Fact]
    public async Task Search_pages_walk_every_match_in_either_order_with_the_total()
    {
        var made = new List<string>();
        foreach (var member in new[] { "GE", "AM", "UA", "GE", "AM" })
            made.Add(await api.MadeCommitment(member, Given.Commitment(title: new() { ["ka"] = "ზღაპრული ბიუჯეტი", ["en"] = "Fabled budget" })));
        await api.MadeCommitment("UA", Given.Commitment(title: new() { ["ka"] = "სხვა", ["en"] = "Something else" }));
        foreach (var (sort, expected) in new[] { ("id", made.Order(StringComparer.Ordinal).ToArray()), ("-id", made.OrderDescending(StringComparer.Ordinal).ToArray()) })
        {
            var seen = new List<string>();
            for (var page = 1; page <= 3; page++)
            {
                var body = await (await api.As(Caller.Anonymous).Get($"/api/commitments?q=fabled&sort={sort}&pageSize=2&page={page}")).Expect(HttpStatusCode.OK);
                Assert.Equal(5, body["totalCount"]!.GetValue<long>());
                seen.AddRange(body["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
            }
            Assert.Equal(expected, seen);
        }
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("' or 1=1 --")]
    public async Task Wildcards_and_injection_are_only_words(string q)
    {
        // "100% of tenders" is seeded: '%' is no wildcard and no word, so nothing matches, and SQL stays text.
        await Seeded();
        Assert.Empty(await Ids("q=" + Uri.EscapeDataString(q)));
    }

    [Fact]
    public async Task Every_filter_narrows_the_list()
    {
        var (georgian, armenian, latin) = await Seeded();
        await Only("member=ge&policyArea=AccessToInformation", georgian, armenian, latin);
        await Only("ogpValue=PublicAccountability&member=AM", armenian, georgian, latin);
        await Only("policyArea=OpenContracting", latin, georgian, armenian);
        var plan = (await (await api.As(Caller.Anonymous).Get($"/api/commitments/{latin}")).Json())["planId"]!.GetValue<string>();
        Assert.Contains(latin, await Ids("plan=" + plan));

        await (await api.As(Caller.Admin).Post($"/api/commitments/{armenian}/completion", new { completion = "Complete", reason = "done" })).Expect(HttpStatusCode.OK);
        await Only("completion=Complete", armenian, georgian, latin);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{georgian}/assessments/irm", new { results = new { completion = "Limited", didItOpenGovernment = "Marginal" } })).Expect(HttpStatusCode.OK);
        await Only("irmCompletion=Limited", georgian, armenian, latin);

        api.Clock.Now = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        await (await api.As(Caller.Admin).Post($"/api/commitments/{latin}/milestones", Given.Milestone("2024-01-01", "2024-06-30"))).Expect(HttpStatusCode.Created);
        Assert.DoesNotContain(latin, await Ids("overdue=true"));
        api.Clock.Now = new DateTimeOffset(2024, 7, 2, 0, 0, 0, TimeSpan.Zero);
        Assert.Contains(latin, await Ids("overdue=true"));
        Assert.DoesNotContain(latin, await Ids("overdue=false"));
    }

    [Theory]
    [InlineData("policyArea=Sports", "policyArea")]
    [InlineData("completion=Done", "completion")]
    [InlineData("sort=title", "sort")]
    [InlineData("pageSize=201", "pageSize")]
    public async Task Unknown_filter_values_are_400(string query, string field)
    {
        var response = await api.As(Caller.Anonymous).Get("/api/commitments?" + query);
        var problem = await response.Expect(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
    }

    /// <summary>
    /// The SQL the API itself sends for a search (captured from Npgsql's tracing, with the planner settings its
    /// transaction took first) is explained with the same settings and parameters: the count and the page both read
    /// the full-text index. Red when tried: SearchPlan's settings emptied (the planner then scans every search row).
    /// </summary>
    [Fact]
    public async Task Search_reads_the_full_text_index_of_the_search_rows()
    {
        await Seeded();
        var sent = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is string sql && sql.Contains(api.Schema + ".", StringComparison.Ordinal)
                    || activity.GetTagItem("db.query.text") is string set && set.StartsWith("set local", StringComparison.Ordinal))
                    sent.Enqueue((string)(activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement"))!);
            },
        };
        ActivitySource.AddActivityListener(listener);
        await (await api.As(Caller.Anonymous).Get("/api/commitments?q=" + Uri.EscapeDataString("მონიტორი"))).Expect(HttpStatusCode.OK);
        listener.Dispose();

        var searches = sent.Where(q => q.Contains("words @@ $1::tsquery", StringComparison.Ordinal)).Distinct().ToArray();
        Assert.Equal(2, searches.Length); // the count and the page
        var settings = sent.Where(q => q.StartsWith("set local", StringComparison.Ordinal)).Distinct().ToArray();
        Assert.Equal([SearchPlan.UseIndexes], settings);
        await using var connection = new Npgsql.NpgsqlConnection(api.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres"));
        await connection.OpenAsync();
        foreach (var sql in searches)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var setting in settings)
                await using (var set = new Npgsql.NpgsqlCommand(setting, connection, transaction)) await set.ExecuteNonQueryAsync();
            await using var explain = new Npgsql.NpgsqlCommand("explain " + sql, connection, transaction);
            explain.Parameters.Add(new Npgsql.NpgsqlParameter { Value = SearchWords.TsQuery(SearchWords.OfQuery("მონიტორი")) });
            if (sql.Contains("$2", StringComparison.Ordinal)) explain.Parameters.Add(new Npgsql.NpgsqlParameter { Value = 0 });
            if (sql.Contains("$3", StringComparison.Ordinal)) explain.Parameters.Add(new Npgsql.NpgsqlParameter { Value = 50 });
            var plan = string.Join("\n", await ReadAll(explain));
            Assert.True(plan.Contains("Bitmap Index Scan on mt_doc_commitmentsearch_idx_words", StringComparison.Ordinal), $"{sql}\n{plan}");
        }
    }

    private static async Task<List<string>> ReadAll(Npgsql.NpgsqlCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }
}
