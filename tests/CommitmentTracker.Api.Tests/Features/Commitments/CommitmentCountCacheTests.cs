using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;
using Npgsql;

namespace CommitmentTracker.Api.Tests.Features.Commitments;

/// <summary>
/// List totals are reused while no event lands. A row deleted behind the API's back (no event, as a rebuild would)
/// tells a reused total from a fresh one: the page already misses the row, the reused total does not.
/// </summary>
file static class Totals
{
    /// <summary>A word of Latin letters no other test uses.</summary>
    public static string Word() => "zq" + string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('a' + c % 26)));

    public static async Task<(long Total, int Items)> List(this ApiFactory api, string query)
    {
        var page = await (await api.As(Caller.Anonymous).Get("/api/commitments?pageSize=200&" + query)).Expect(HttpStatusCode.OK);
        return (page["totalCount"]!.GetValue<long>(), page["items"]!.AsArray().Count);
    }

    public static async Task<long> GraphQLTotal(this ApiFactory api, string word)
    {
        var data = await api.As(Caller.Anonymous).GraphQL($"{{ commitments(filter: {{ q: \"{word}\" }}, first: 1) {{ totalCount }} }}");
        return data["commitments"]!["totalCount"]!.GetValue<long>();
    }

    public static async Task<string[]> Made(this ApiFactory api, string member, string word, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
            ids.Add(await api.MadeCommitment(member, Given.Commitment(title: new() { ["ka"] = "ტესტი", ["en"] = $"Open budgets {word}" })));
        return [.. ids];
    }

    /// <summary>Makes <paramref name="count"/> commitments with a new word, searches it, deletes one behind the API and searches again.</summary>
    public static async Task<(string Word, (long, int) Before, (long, int) After)> SearchedAroundADeletion(this ApiFactory api, string member, int count)
    {
        var word = Word();
        var ids = await api.Made(member, word, count);
        var before = await api.List("q=" + word);
        await api.DeletedBehindTheApi(ids[0]);
        return (word, before, await api.List("q=" + word));
    }

    /// <summary>Removes a commitment's rows from the read models without an event.</summary>
    public static async Task DeletedBehindTheApi(this ApiFactory api, string id)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in new[] { "mt_doc_commitment", "mt_doc_commitmentsearch" })
        {
            await using var delete = new NpgsqlCommand($"delete from {api.Schema}.{table} where id = $1", connection);
            delete.Parameters.Add(new NpgsqlParameter { Value = id });
            await delete.ExecuteNonQueryAsync();
        }
    }
}

public sealed class CommitmentCountCacheTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_search_total_is_reused_until_an_event_lands_and_then_counted_again()
    {
        var (word, before, after) = await api.SearchedAroundADeletion("GE", 3);
        Assert.Equal((3, 3), before);
        Assert.Equal((3, 2), after);                   // reused: no event landed
        Assert.Equal(3, await api.GraphQLTotal(word)); // REST and GraphQL share it

        var more = await api.Made("AM", word, 1);
        Assert.Equal((3, 3), await api.List("q=" + word)); // counted again: 3 - 1 deleted + 1 made
        Assert.Equal(3, await api.GraphQLTotal(word));
        Assert.Contains(more[0], (await (await api.As(Caller.Anonymous).Get("/api/commitments?q=" + word)).Expect(HttpStatusCode.OK))["items"]!
            .AsArray().Select(c => c!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_filtered_total_without_q_is_reused_too_and_each_filter_has_its_own()
    {
        var word = Totals.Word();
        var ids = await api.Made("MD", word, 2);
        var before = await api.List("member=MD");
        Assert.Equal(before.Total, before.Items);
        var withWord = await api.List($"member=MD&q={word}");
        Assert.Equal((2, 2), withWord);

        await api.DeletedBehindTheApi(ids[1]);
        Assert.Equal((before.Total, before.Items - 1), await api.List("member=MD"));
        Assert.Equal((2, 1), await api.List($"member=MD&q={word}"));

        await (await api.As(Caller.Admin).Post($"/api/commitments/{ids[0]}/completion", new { completion = "Limited", reason = "report" })).Expect(HttpStatusCode.OK);
        Assert.Equal((before.Total - 1, before.Items - 1), await api.List("member=MD"));
        Assert.Equal((1, 1), await api.List($"member=MD&q={word}"));
    }
}

public sealed class CommitmentCountCacheOffTests(ResultCacheOffFactory api) : IClassFixture<ResultCacheOffFactory>
{
    [Fact]
    public async Task With_the_cache_off_every_list_counts()
    {
        var (_, before, after) = await api.SearchedAroundADeletion("GE", 2);
        Assert.Equal((2, 2), before);
        Assert.Equal((1, 1), after);
    }
}
