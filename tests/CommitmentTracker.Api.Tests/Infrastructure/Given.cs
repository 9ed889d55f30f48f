using System.Net;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>Test data set up through the API itself, as a client would.</summary>
public static class Given
{
    public static object Member(string code, string kind = "National", string lang = "ka", string? name = null) => new
    {
        code, kind, region = "Europe", defaultLanguage = lang,
        name = new Dictionary<string, string> { [lang] = name ?? "წევრი " + code, ["en"] = "Member " + code },
    };

    public static object Plan(string memberCode, string start = "2022-01-01", string end = "2023-12-31", int? sequence = null, string lang = "ka", string? title = null) => new
    {
        memberCode, sequence, defaultLanguage = lang,
        title = new Dictionary<string, string> { [lang] = title ?? "სამოქმედო გეგმა", ["en"] = "Action plan" },
        period = new { start, end },
    };

    /// <summary>Registers the member unless an earlier test in the class already did.</summary>
    public static async Task RegisteredMember(this ApiFactory api, string code, string kind = "National", string lang = "ka", string? name = null)
    {
        var response = await api.Admin().PostJson("/api/members", Member(code, kind, lang, name));
        if (response.StatusCode != HttpStatusCode.Conflict) await response.Expect(HttpStatusCode.Created);
    }

    /// <summary>Issues a key through the admin API and returns its secret.</summary>
    public static async Task<string> Key(this ApiFactory api, string role, params string[] members)
    {
        var issued = await (await api.Admin().PostJson("/api/api-keys", new { name = $"{role} tester", role, organisation = "Test org", members }))
            .Expect(HttpStatusCode.Created);
        return issued["secret"]!.GetValue<string>();
    }
}
