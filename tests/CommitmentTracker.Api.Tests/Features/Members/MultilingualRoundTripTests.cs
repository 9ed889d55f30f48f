using System.Net;
using System.Text;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Members;

/// <summary>Real text from shared/seeds goes in and comes back out byte for byte, over REST and GraphQL.</summary>
public sealed class MultilingualRoundTripTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string, string> Seeds => new()
    {
        { "000_5fd3270c7009d1bb.txt", "hy", "AM" },
        { "001_c25ae0a319e80e76.txt", "uk", "UA" },
        { "002_91d31b0776d7eac7.txt", "az", "AZ" },
        { "003_197e165c457b1a02.txt", "ka", "GE" },
        { "004_1c5c3506060f5475.txt", "ky", "KG" },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Seed_text_round_trips_byte_for_byte(string seed, string lang, string code)
    {
        // The longest line of the document, up to the API's limit: titles in their own script.
        var text = Repo.Seed(seed).Split('\n').Select(l => l.Trim()).OrderByDescending(l => l.Length).First();
        var title = text.Length > 500 ? text[..500] : text;
        await api.RegisteredMember(code, lang: lang, name: title[..Math.Min(300, title.Length)]);
        var created = await (await api.As(Caller.Admin).Post("/api/action-plans", Given.Plan(code, "2020-01-01", "2021-12-31", lang: lang, title: title)))
            .Expect(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();

        var rest = await (await api.As(Caller.Anonymous).Get($"/api/action-plans/{id}")).Expect(HttpStatusCode.OK);
        var graph = await api.As(Caller.Anonymous).GraphQL("query($m: String!) { actionPlans(memberCode: $m) { edges { node { title } } } }", new { m = code });

        Assert.Equal(Encoding.UTF8.GetBytes(title), Encoding.UTF8.GetBytes(rest["title"]!.GetValue<string>()));
        Assert.Equal(Encoding.UTF8.GetBytes(title), Encoding.UTF8.GetBytes(graph["actionPlans"]!["edges"]![0]!["node"]!["title"]!.GetValue<string>()));
    }
}
