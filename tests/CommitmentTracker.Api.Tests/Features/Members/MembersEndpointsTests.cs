using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.Members;

public sealed class MembersEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Registered_member_reads_back_with_etag_and_location()
    {
        var created = await api.As(Caller.Admin).Post("/api/members", Given.Member("AM", lang: "hy", name: "Հայաստան"));
        var body = await created.Expect(HttpStatusCode.Created);
        Assert.Equal("/api/members/AM", created.Headers.Location?.ToString());
        Assert.StartsWith("\"1.", created.Headers.ETag?.Tag); // version 1, then the representation's hash
        Assert.Equal("Հայաստան", body["name"]!.GetValue<string>());

        var read = await api.As(Caller.Anonymous).Get("/api/members/am");
        var member = await read.Expect(HttpStatusCode.OK);
        Assert.StartsWith("\"1.", read.Headers.ETag?.Tag);
        Assert.Equal("AM", member["code"]!.GetValue<string>());
        Assert.Equal("National", member["kind"]!.GetValue<string>());
        Assert.Equal("Member AM", member["nameTranslations"]!["en"]!.GetValue<string>());
    }

    [Fact]
    public async Task Duplicate_code_is_409_and_appends_nothing()
    {
        await (await api.As(Caller.Admin).Post("/api/members", Given.Member("UA", lang: "uk"))).Expect(HttpStatusCode.Created);
        var before = await api.EventCount();

        var again = await api.As(Caller.Admin).Post("/api/members", Given.Member("UA", lang: "uk"));

        var problem = await again.Expect(HttpStatusCode.Conflict);
        Assert.Contains("UA", problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await api.EventCount());
    }

    [Theory]
    [InlineData("G", "National", "code")]
    [InlineData("GE-TBS", "National", "code")]
    [InlineData("GE1", "Local", "code")]
    [InlineData("GE-T1", "Local", "code")]
    public async Task Malformed_codes_are_400_naming_the_field(string code, string kind, string field)
    {
        var before = await api.EventCount();
        var response = await api.As(Caller.Admin).Post("/api/members", Given.Member(code, kind));
        var problem = await response.Expect(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task Missing_fields_are_all_reported_at_once()
    {
        var problem = await (await api.As(Caller.Admin).PostText("/api/members", "{}")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["code", "defaultLanguage", "kind", "name", "region"], problem.ErrorFields().Order().ToArray());
    }

    [Theory]
    [InlineData("{\"code\":\"GE\",", "body")]
    [InlineData("{\"code\":\"GE\",\"kind\":\"Nation\"}", "kind")]
    [InlineData("{\"code\":\"GE\",\"kind\":7}", "kind")]
    [InlineData("{\"code\":[1,2]}", "code")]
    [InlineData("{\"code\":\"GE\",\"colour\":\"red\"}", "colour")]
    [InlineData("[]", "body")]
    public async Task Bad_json_is_400_naming_the_field_never_500(string body, string field)
    {
        var before = await api.EventCount();
        var problem = await (await api.As(Caller.Admin).PostText("/api/members", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task Writes_need_an_admin_key()
    {
        await api.RegisteredMember("MD", lang: "ro");
        var poc = await api.Key("poc", "MD");

        await (await api.As(Caller.Anonymous).Post("/api/members", Given.Member("BY"))).Expect(HttpStatusCode.Unauthorized);
        await (await api.As(Caller.Key("ct_not-a-real-key")).Post("/api/members", Given.Member("BY"))).Expect(HttpStatusCode.Unauthorized);
        await (await api.As(Caller.Key(poc)).Post("/api/members", Given.Member("BY"))).Expect(HttpStatusCode.Forbidden);
        await (await api.As(Caller.Anonymous).Get("/api/members/BY")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_write_records_who_made_it()
    {
        await api.RegisteredMember("AZ", lang: "az");
        await using var session = api.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync("AZ");
        var registered = Assert.Single(events);
        Assert.StartsWith("key:", registered.UserName);
        Assert.Equal("admin", registered.Headers!["role"].ToString());
        Assert.Equal("OGP Support Unit", registered.Headers!["organisation"].ToString());
        Assert.False(string.IsNullOrEmpty(registered.CorrelationId));
    }

    [Fact]
    public async Task List_is_paged_filtered_and_sorted()
    {
        foreach (var code in new[] { "KG-BSH", "KG-OSH", "KG-NRN" }) await api.RegisteredMember(code, "Local", "ky");
        var page1 = await (await api.As(Caller.Anonymous).Get("/api/members?kind=Local&sort=-code&pageSize=2")).Expect(HttpStatusCode.OK);
        var page2 = await (await api.As(Caller.Anonymous).Get("/api/members?kind=Local&sort=-code&pageSize=2&page=2")).Expect(HttpStatusCode.OK);

        var codes = page1["items"]!.AsArray().Concat(page2["items"]!.AsArray()).Select(m => m!["code"]!.GetValue<string>()).ToArray();
        Assert.Equal(["KG-OSH", "KG-NRN", "KG-BSH"], codes);
        Assert.Equal(3, page1["totalCount"]!.GetValue<long>());
        Assert.All(codes, c => Assert.StartsWith("KG-", c));
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=100000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("sort=name;drop", "sort")]
    public async Task Bad_list_parameters_are_400(string query, string field)
    {
        var problem = await (await api.As(Caller.Anonymous).Get("/api/members?" + query)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task Name_follows_lang_then_accept_language_then_default()
    {
        await api.RegisteredMember("GE", lang: "ka", name: "საქართველო");
        var client = api.As(Caller.Anonymous);
        Assert.Equal("Member GE", (await (await client.Get("/api/members/GE?lang=en")).Json())["name"]!.GetValue<string>());
        Assert.Equal("Member GE", (await (await client.Get("/api/members/GE?lang=en-GB")).Json())["name"]!.GetValue<string>());
        Assert.Equal("საქართველო", (await (await client.Get("/api/members/GE?lang=fr")).Json())["name"]!.GetValue<string>());

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/members/GE");
        request.Headers.AcceptLanguage.ParseAdd("fr;q=0.9, en;q=0.8");
        Assert.Equal("Member GE", (await (await client.Send(request)).Json())["name"]!.GetValue<string>());
    }
}
