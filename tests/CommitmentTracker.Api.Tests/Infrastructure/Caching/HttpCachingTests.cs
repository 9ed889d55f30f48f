using System.Net;
using System.Net.Http.Headers;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Infrastructure.Caching;

/// <summary>Issue 20: strong ETags per representation, 304 on If-None-Match for every kind of read, Cache-Control by caller.</summary>
public sealed class HttpCachingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static HttpRequestMessage Get(string url, string? ifNoneMatch = null, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        return request;
    }

    [Fact]
    public async Task Every_kind_of_read_answers_304_to_its_own_ETag_and_200_after_a_change()
    {
        var id = await api.MadeCommitment();
        string[] reads =
        [
            $"/api/commitments/{id}", "/api/commitments?pageSize=5", "/api/members/GE", "/api/members", "/api/action-plans",
            "/api/export/commitments.csv", "/api/export/milestones.json", "/api/changes",
            "/graphql?query=" + Uri.EscapeDataString("{ commitments(first: 5) { totalCount } }"),
        ];
        var tags = new Dictionary<string, string>();
        foreach (var url in reads)
        {
            using var first = await api.As(Caller.Anonymous).Send(Get(url));
            Assert.True(first.StatusCode == HttpStatusCode.OK, $"{url}: {(int)first.StatusCode}");
            var tag = first.Headers.ETag;
            Assert.True(tag is { IsWeak: false }, $"{url} has no strong ETag");
            tags[url] = tag!.Tag;
            using var again = await api.As(Caller.Anonymous).Send(Get(url, tag.Tag));
            Assert.True(again.StatusCode == HttpStatusCode.NotModified, $"{url} with If-None-Match {tag.Tag}: {(int)again.StatusCode}");
            Assert.Empty(await again.Content.ReadAsByteArrayAsync());
            Assert.Equal(tag, again.Headers.ETag);
        }

        await (await api.As(Caller.Admin).Post($"/api/commitments/{id}/completion", new { completion = "Limited", reason = "Started" })).Expect(HttpStatusCode.OK);
        foreach (var url in new[] { $"/api/commitments/{id}", "/api/commitments?pageSize=5", "/api/export/commitments.csv", "/api/changes" })
        {
            using var after = await api.As(Caller.Anonymous).Send(Get(url, tags[url]));
            Assert.True(after.StatusCode == HttpStatusCode.OK, $"{url} after a write: {(int)after.StatusCode}");
            Assert.NotEqual(tags[url], after.Headers.ETag!.Tag);
        }
    }

    [Fact]
    public async Task Each_language_has_its_own_ETag_and_the_body_varies_on_Accept_Language()
    {
        await api.RegisteredMember("AM", lang: "hy", name: "Հայաստան");
        using var hy = await api.As(Caller.Anonymous).Send(Get("/api/members/AM", language: "hy"));
        using var en = await api.As(Caller.Anonymous).Send(Get("/api/members/AM", language: "en"));
        using var query = await api.As(Caller.Anonymous).Send(Get("/api/members/AM?lang=hy"));
        Assert.Contains("Accept-Language", hy.Headers.Vary);
        Assert.StartsWith("\"1.", hy.Headers.ETag!.Tag);
        Assert.Equal(hy.Headers.ETag, query.Headers.ETag);
        var hyBody = await hy.Content.ReadAsStringAsync();
        var enBody = await en.Content.ReadAsStringAsync();
        Assert.Equal(hyBody != enBody, hy.Headers.ETag!.Tag != en.Headers.ETag!.Tag);
        // the Armenian tag does not validate the English representation
        using var cross = await api.As(Caller.Anonymous).Send(Get("/api/members/AM?lang=en-x-none", hy.Headers.ETag.Tag, "en"));
        Assert.Equal(HttpStatusCode.OK, cross.StatusCode);
    }

    [Fact]
    public async Task A_representation_ETag_is_accepted_as_If_Match_and_a_stale_one_is_409()
    {
        var id = await api.MadeCommitment();
        using var read = await api.As(Caller.Anonymous).Send(Get($"/api/commitments/{id}", language: "ka"));
        var tag = read.Headers.ETag!.Tag;
        Assert.Matches("^\"1\\.[0-9a-f]{16}\"$", tag);
        foreach (var expected in new[] { HttpStatusCode.OK, HttpStatusCode.Conflict })
        {
            var write = new HttpRequestMessage(HttpMethod.Post, $"/api/commitments/{id}/completion") { Content = System.Net.Http.Json.JsonContent.Create(new { completion = "Limited", reason = "Started" }) };
            write.Headers.TryAddWithoutValidation("If-Match", tag);
            using var answer = await api.As(Caller.Admin).Send(write);
            Assert.Equal(expected, answer.StatusCode);
        }
    }

    [Fact]
    public async Task Anonymous_reads_are_public_for_a_short_while_and_keyed_reads_are_private()
    {
        using var anonymous = await api.As(Caller.Anonymous).Get("/api/members");
        Assert.True(anonymous.Headers.CacheControl is { Public: true, MustRevalidate: true, MaxAge.TotalSeconds: > 0 and <= 60 }, anonymous.Headers.CacheControl?.ToString());
        using var keyed = await api.As(Caller.Admin).Get("/api/members");
        Assert.True(keyed.Headers.CacheControl is { Private: true, Public: false }, keyed.Headers.CacheControl?.ToString());
    }
}
