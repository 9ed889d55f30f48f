using System.Net;

namespace CommitmentTracker.Api.Tests.Infrastructure;

// HttpClient, not Alba: the data is set up for every host, and the browser host (BrowserApi) answers on a Kestrel socket, which has no TestServer for Alba.
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

    public static object Commitment(string? id = null, Dictionary<string, string>? title = null, string[]? policyAreas = null, string[]? ogpValues = null,
        Dictionary<string, string>? description = null) => new
    {
        id,
        title = title ?? new Dictionary<string, string> { ["ka"] = "საჯარო ადმინისტრირების რეფორმის მონიტორინგი", ["en"] = "Monitoring public administration reform" },
        description = description ?? new Dictionary<string, string> { ["en"] = "Municipal services in three regions." },
        leadInstitution = new { name = "Administration of the Government", kind = "Government" },
        supportingInstitutions = new[] { new { name = "Civil Society Institute", kind = "Cso" } },
        policyAreas = policyAreas ?? ["AntiCorruption", "PublicServiceDelivery"],
        ogpValues = ogpValues ?? ["CivicParticipation", "PublicAccountability"],
        subnational = true,
    };

    public static object Milestone(string start = "2024-01-01", string due = "2024-12-31", decimal? weight = null) => new
    {
        title = new Dictionary<string, string> { ["ka"] = "მონიტორინგის ანგარიში" },
        deliverable = new Dictionary<string, string> { ["en"] = "Published report" },
        responsibleInstitution = "Ministry of Justice", start, due, weight,
    };

    /// <summary>A fresh plan (Draft, open for commitments) for this member; returns its id.</summary>
    public static async Task<string> OpenPlan(this ApiFactory api, string member)
    {
        await api.RegisteredMember(member);
        var plan = await (await api.Admin().PostJson("/api/action-plans", Plan(member, "2024-01-01", "2025-12-31"))).Expect(HttpStatusCode.Created);
        return plan["id"]!.GetValue<string>();
    }

    public static async Task<string> MadeCommitment(this ApiFactory api, string member = "GE", object? commitment = null)
    {
        var plan = await api.OpenPlan(member);
        var made = await (await api.Admin().PostJson($"/api/action-plans/{plan}/commitments", commitment ?? Commitment())).Expect(HttpStatusCode.Created);
        return made["id"]!.GetValue<string>();
    }

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
